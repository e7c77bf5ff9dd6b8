using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Platform;

public abstract class PlatformTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private HttpClient Client => Server.Client;

    [Fact]
    public async Task Health_is_ok_when_storage_answers()
    {
        var response = await Client.GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route_with_its_security_and_its_real_answers()
    {
        using var doc = JsonDocument.Parse(await Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.NotEqual(0, doc.RootElement.GetProperty("servers").GetArrayLength());
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var route in ApiRoutes.All)
        {
            var op = paths.GetProperty("/api/" + route.Template).GetProperty(route.Method.ToLowerInvariant());
            // Declared on every operation: the bearer scheme on moderator routes, explicitly none elsewhere.
            Assert.Equal(route.Access == RouteAccess.Moderator ? 1 : 0, op.GetProperty("security").GetArrayLength());
            // What the route declares, plus what the pipeline answers on every route (401 where a key is needed, 500, 503).
            var answers = op.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture));
            int[] pipeline = route.Access == RouteAccess.Moderator ? [401, 500, 503] : [500, 503];
            Assert.Equal(route.Responses.Select(r => r.Status).Concat(pipeline).Distinct().Order(), answers);
        }
    }

    [Fact]
    public async Task The_answers_a_client_gets_are_the_ones_the_document_declares()
    {
        var ct = TestContext.Current.CancellationToken;
        using var doc = JsonDocument.Parse(await Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative), ct));
        void Declared(string path, string method, HttpStatusCode status) =>
            Assert.True(doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
                .TryGetProperty(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), out _), $"{method} {path} answered {(int)status}, undeclared");

        var postId = TestIds.Post("contract");
        var token = await Proof.ContractClient.FormTokenAsync(Client, postId, ct);
        using var posted = await Proof.ContractClient.PostCommentAsync(Client, postId, Proof.ContractClient.CommentBody(token, "Ada", "Declared?"), TestIds.Ip(), ct);
        Declared("/api/posts/{postId}/comments", "post", posted.StatusCode);

        using var page = await Client.GetAsync(new Uri($"api/posts/{postId}/comments", UriKind.Relative), ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"api/posts/{postId}/comments");
        again.Headers.TryAddWithoutValidation("If-None-Match", page.Headers.ETag!.ToString());
        using var unchanged = await Client.SendAsync(again, ct);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Declared("/api/posts/{postId}/comments", "get", unchanged.StatusCode);

        using var subscribed = await Client.PostAsJsonAsync("api/subscriptions", new { email = $"c-{Guid.NewGuid():N}@example.com" }, ct);
        Declared("/api/subscriptions", "post", subscribed.StatusCode);
    }

    [Fact]
    public async Task Preflight_grants_allowed_origin_only()
    {
        var ct = TestContext.Current.CancellationToken;
        using var allowed = new HttpRequestMessage(HttpMethod.Options, "api/posts/p1/comments");
        allowed.Headers.Add("Origin", BlogServer.AllowedOrigin);
        allowed.Headers.Add("Access-Control-Request-Method", "POST");
        var ok = await Client.SendAsync(allowed, ct);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(BlogServer.AllowedOrigin, ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", ok.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);

        using var other = new HttpRequestMessage(HttpMethod.Options, "api/posts/p1/comments");
        other.Headers.Add("Origin", "http://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        var denied = await Client.SendAsync(other, ct);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Actual_response_carries_cors_header_for_allowed_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("Origin", BlogServer.AllowedOrigin);
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(BlogServer.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("GET", "api/no-such-route")]
    [InlineData("POST", "api/posts/a/b/comments")]
    [InlineData("PUT", "api/health")]
    public async Task Unmatched_api_paths_answer_a_problem_404(string method, string path)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("route_not_found", doc.RootElement.GetProperty("code").GetString());
    }
}

public sealed class PlatformTestsOnSelfHost(BlogFixture stack) : PlatformTests(stack, HostKind.SelfHost);

public sealed class PlatformTestsOnFunctions(BlogFixture stack) : PlatformTests(stack, HostKind.Functions);
