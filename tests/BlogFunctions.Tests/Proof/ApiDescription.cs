using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlogFunctions.Tests.Proof;

/// <summary>One operation of the served OpenAPI document, as a client that only reads the document sees it.</summary>
public sealed partial record ApiOperation(string Method, string Path, string OperationId, string Access,
    bool HasSecurity, IReadOnlyList<string> PathParameters, IReadOnlyList<string> SuccessContentTypes)
{
    /// <summary>Query parameters the operation requires (e.g. <c>email</c> of a lookup).</summary>
    public IReadOnlyList<string> RequiredQuery { get; init; } = [];

    public bool IsModerator => HasSecurity || Access == "moderator";

    /// <summary>A page for people (HTML) rather than a JSON endpoint: confirm/unsubscribe screens answer their errors as pages.</summary>
    public bool IsPage => SuccessContentTypes.Any(t => t.StartsWith("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The path with each parameter replaced; values are inserted as given (the caller escapes or not, on purpose).</summary>
    public string Expand(Func<string, string> value) =>
        Parameter().Replace(Path, m => value(m.Groups[1].Value)).TrimStart('/');

    public override string ToString() => $"{Method} {Path}";

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)\}")]
    private static partial Regex Parameter();
}

public static class ApiDescription
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<ApiOperation>> FetchAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("api/openapi.json", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return Parse(doc.RootElement);
    }

    public static IReadOnlyList<ApiOperation> Parse(JsonElement root)
    {
        var ops = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject())
            {
                if (!Methods.Contains(item.Name))
                {
                    continue;
                }
                var op = item.Value;
                var parameters = op.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path")
                        .Select(p => p.GetProperty("name").GetString()!).ToArray()
                    : [];
                var contentTypes = new List<string>();
                if (op.TryGetProperty("responses", out var responses))
                {
                    foreach (var r in responses.EnumerateObject().Where(r => r.Name.StartsWith('2')))
                    {
                        if (r.Value.TryGetProperty("content", out var content))
                        {
                            contentTypes.AddRange(content.EnumerateObject().Select(c => c.Name));
                        }
                    }
                }
                ops.Add(new ApiOperation(
                    item.Name.ToUpperInvariant(),
                    path.Name,
                    op.TryGetProperty("operationId", out var id) ? id.GetString() ?? "" : "",
                    op.TryGetProperty("x-access", out var access) ? access.GetString() ?? "" : "",
                    op.TryGetProperty("security", out var sec) && sec.GetArrayLength() > 0,
                    parameters,
                    contentTypes)
                {
                    RequiredQuery = op.TryGetProperty("parameters", out var qs)
                        ? [.. qs.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"
                            && p.TryGetProperty("required", out var r) && r.GetBoolean()).Select(p => p.GetProperty("name").GetString()!)]
                        : [],
                });
            }
        }
        return ops;
    }
}
