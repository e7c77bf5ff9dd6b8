namespace BlogFunctions.Import;

/// <summary>The command line: FILE --format F, then --api URL --key KEY, or --storage CONNSTR; --map FILE either way.</summary>
internal sealed record ImportArgs(string File, string Format, Uri? Api, string? Key, string? Storage, string? SigningKey, string? Map)
{
    public const string Usage = """
        Usage: BlogFunctions.Import FILE --format disqus|wxr|remark42|isso|blogfunctions
                 (--api URL --key MODERATOR_KEY | --storage CONNECTION_STRING [--signing-key KEY])
                 [--map MAP.json]

          --api URL        the API root, e.g. https://blog-api.example/api (uploads, then follows the progress)
          --storage CONN   write straight to the storage account, in this process, with the same code
          --signing-key K  the app's Security:SigningKey (direct mode; default: $Security__SigningKey),
                           so email hashes and avatars match the ones the app makes
          --map FILE       JSON object: source URL → post id, for threads the URL rule names wrongly
        """;

    public static ImportArgs? Parse(string[] args)
    {
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                file = args[i];
            }
            else
            {
                return null;
            }
        }
        var api = options.TryGetValue("api", out var url) && Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
        var parsed = new ImportArgs(file ?? "", options.GetValueOrDefault("format", ""), api, options.GetValueOrDefault("key"),
            options.GetValueOrDefault("storage"),
            options.GetValueOrDefault("signing-key") ?? Environment.GetEnvironmentVariable("Security__SigningKey"),
            options.GetValueOrDefault("map"));
        var mode = (parsed.Api is not null && parsed.Key is not null) ^ (parsed.Storage is not null && parsed.SigningKey is not null);
        return file is null || parsed.Format.Length == 0 || !mode ? null : parsed;
    }
}
