using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The documented public contract (README API table), used by the proof suites to put realistic
/// data in place before attacking it: a form token, a comment, a subscriber.
/// </summary>
public static class ContractClient
{
    public const string CommentsPath = "/api/posts/{postId}/comments";
    public const string SubscriptionsPath = "/api/subscriptions";

    public static bool Has(IReadOnlyList<ApiOperation> ops, string method, string path) =>
        ops.Any(o => o.Method == method && o.Path == path);

    public static async Task<string> FormTokenAsync(HttpClient client, string postId, CancellationToken cancellationToken)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"api/posts/{postId}/comments", cancellationToken);
        return json.GetProperty("formToken").GetString() ?? throw new InvalidOperationException("no formToken");
    }

    public static JsonObject CommentBody(string formToken, string author = "Ada Reader", string body = "Stretching helped my back, thanks.") => new()
    {
        ["author"] = author,
        ["email"] = "ada.reader@example.com",
        ["body"] = body,
        ["formToken"] = formToken,
    };

    /// <summary>Posts a comment and returns the response; the caller decides what status it expects.</summary>
    public static async Task<HttpResponseMessage> PostCommentAsync(HttpClient client, string postId, JsonObject body,
        string ip, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/posts/{postId}/comments")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("X-Forwarded-For", ip);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>A stored comment's id (posting with a fresh token from a fresh address).</summary>
    public static async Task<string> CreateCommentAsync(HttpClient client, string postId, CancellationToken cancellationToken,
        string body = "Stretching helped my back, thanks.")
    {
        var token = await FormTokenAsync(client, postId, cancellationToken);
        using var response = await PostCommentAsync(client, postId, CommentBody(token, body: body), TestIds.Ip(), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"seeding a comment failed: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string email, string ip, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = JsonContent.Create(new JsonObject { ["email"] = email, ["name"] = "Sam Subscriber" }),
        };
        request.Headers.Add("X-Forwarded-For", ip);
        return await client.SendAsync(request, cancellationToken);
    }
}
