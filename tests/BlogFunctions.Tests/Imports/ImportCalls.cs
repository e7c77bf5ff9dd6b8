using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>What the import tests do over HTTP: upload a file (with an optional map), wait for the import, read the export.</summary>
internal static class ImportCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static byte[] Fixture(string name) => File.ReadAllBytes(RepoPaths.Combine("tests", "BlogFunctions.Tests", "Imports", "Fixtures", name));

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient moderator, string format, byte[] file,
        IReadOnlyDictionary<string, string>? map = null)
    {
        var body = new ByteArrayContent(file);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        HttpContent content = body;
        if (map is not null)
        {
            var form = new MultipartFormDataContent { { JsonContent.Create(map), "map", "map.json" }, { body, "file", "export" } };
            content = form;
        }
        return await moderator.PostAsync($"api/moderation/imports?format={format}", content, Ct);
    }

    /// <summary>Uploads, expects 202 with Location, and waits until the import is done or failed.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient moderator, string format, byte[] file,
        IReadOnlyDictionary<string, string>? map = null)
    {
        using var response = await UploadAsync(moderator, format, file, map);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal("queued", accepted.GetProperty("state").GetString());
        Assert.Equal($"/api/moderation/imports/{id}", response.Headers.Location?.OriginalString);
        return await WaitAsync(moderator, id);
    }

    public static async Task<JsonElement> WaitAsync(HttpClient moderator, string id)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await moderator.GetFromJsonAsync<JsonElement>($"api/moderation/imports/{id}", Ct);
            if (status.GetProperty("state").GetString() is "done" or "failed" || DateTime.UtcNow > until)
            {
                return status;
            }
            await Task.Delay(200, Ct);
        }
    }

    public static async Task<JsonElement> ReconcileAsync(HttpClient moderator)
    {
        using var response = await moderator.PostAsync("api/moderation/comments/reconcile", null, Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The reconcile found the index and the counts exactly as the comments say.</summary>
    public static async Task AssertConsistentAsync(HttpClient moderator)
    {
        var result = await ReconcileAsync(moderator);
        Assert.Equal(0, result.GetProperty("indexRepaired").GetInt32());
        Assert.Equal(0, result.GetProperty("orphansRemoved").GetInt32());
        Assert.Equal(0, result.GetProperty("countsFixed").GetInt32());
    }

    public static async Task<JsonElement[]> PublicCommentsAsync(HttpClient client, string postId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"api/posts/{postId}/comments", Ct);
        return [.. page.GetProperty("comments").EnumerateArray()];
    }

    public static async Task<int> CountAsync(HttpClient client, string postId) =>
        (await client.GetFromJsonAsync<JsonElement>($"api/comment-counts?postId={postId}", Ct)).GetProperty(postId).GetInt32();

    public static async Task<string[]> ExportAsync(HttpClient moderator)
    {
        using var response = await moderator.GetAsync("api/moderation/export", Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Every moderation list entry of a status for the posts given.</summary>
    public static async Task<List<JsonElement>> ModerationAsync(HttpClient moderator, string status, params string[] posts)
    {
        var found = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await moderator.GetFromJsonAsync<JsonElement>(
                $"api/moderation/comments?status={status}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), Ct);
            found.AddRange(page.GetProperty("comments").EnumerateArray().Where(c => posts.Contains(c.GetProperty("postId").GetString())));
            cursor = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return found;
    }
}
