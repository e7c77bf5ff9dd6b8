using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Comments;

/// <summary>Talks to the comment routes over HTTP like a blog page would; one distinct client IP per instance.</summary>
public sealed class CommentApi(IBlogHost server, string? ip = null)
{
    public string Ip { get; } = ip ?? TestIds.Ip();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<string> FormTokenAsync(string postId)
    {
        var page = await GetPageAsync(postId);
        return page["formToken"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetPageAsync(string postId, string? cursor = null)
    {
        var response = await GetAsync(postId, cursor);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    public async Task<HttpResponseMessage> GetAsync(string postId, string? cursor = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"api/posts/{postId}/comments" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await server.Client.SendAsync(request, Ct);
    }

    /// <summary>Posts with a fresh form token unless the body carries one.</summary>
    public async Task<HttpResponseMessage> PostAsync(string postId, object body)
    {
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        if (!node.ContainsKey("formToken"))
        {
            node["formToken"] = await FormTokenAsync(postId);
        }
        return await PostRawAsync(postId, node.ToJsonString(), "application/json");
    }

    public async Task<HttpResponseMessage> PostRawAsync(string postId, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/posts/{postId}/comments")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Forwarded-For", Ip);
        return await server.Client.SendAsync(request, Ct);
    }

    /// <summary>Posts and returns the JSON answer, asserting the status.</summary>
    public async Task<JsonObject> PostOkAsync(string postId, object body, HttpStatusCode expected)
    {
        var response = await PostAsync(postId, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Posts a comment and approves it, returning its id.</summary>
    public async Task<string> PublishAsync(string postId, string body, string author = "Ann", string? parentId = null)
    {
        var held = await PostOkAsync(postId, new { author, body, parentId }, HttpStatusCode.Accepted);
        var id = held["id"]!.GetValue<string>();
        var approved = await server.Moderator.PostAsync(new Uri($"api/moderation/comments/{postId}/{id}/approve", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return id;
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        return problem;
    }
}
