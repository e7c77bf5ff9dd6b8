using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BlogFunctions.Core.Imports;

namespace BlogFunctions.Import;

/// <summary>The API refused the import (bad format, bad map, too large, wrong key): its problem, as it said it.</summary>
internal sealed class ImportRefused(string message) : Exception(message)
{
    public ImportRefused() : this("The import was refused.") { }

    public ImportRefused(string message, Exception inner) : this(message + " " + inner.Message) { }
}

/// <summary>Uploads the file (streamed, with the map as a second part when given), then follows GET …/imports/{id}.</summary>
internal static class ApiImport
{
    public static async Task<ImportStatus> RunAsync(ImportArgs args, ProgressView view, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = args.Api, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args.Key);
        await using var file = File.OpenRead(args.File);
        var body = new StreamContent(file, 1024 * 1024);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.ContentLength = file.Length;
        using HttpContent content = args.Map is null ? body : new MultipartFormDataContent
        {
            { new StringContent(await File.ReadAllTextAsync(args.Map, cancellationToken), new MediaTypeHeaderValue("application/json")), "map", "map.json" },
            { body, "file", Path.GetFileName(args.File) },
        };
        view.Line($"Uploading {Path.GetFileName(args.File)} ({file.Length / 1024.0 / 1024.0:0.0} MB) as {args.Format} …");
        using var response = await http.PostAsync($"moderation/imports?format={Uri.EscapeDataString(args.Format)}", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new ImportRefused($"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var accepted = await response.Content.ReadFromJsonAsync(ImportJson.Default.ImportAccepted, cancellationToken)
            ?? throw new ImportRefused("The API answered 202 without an import id.");
        view.Line($"Import {accepted.Id} queued.");
        return await view.FollowAsync(ct => StatusAsync(http, accepted.Id, ct), cancellationToken);
    }

    /// <summary>The import's status; 503 (storage busy or briefly away) is asked again after its Retry-After.</summary>
    private static async Task<ImportStatus> StatusAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync($"moderation/imports/{id}", cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync(ImportJson.Default.ImportStatus, cancellationToken))!;
            }
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
