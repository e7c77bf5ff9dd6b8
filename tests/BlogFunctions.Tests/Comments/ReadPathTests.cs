using System.Net;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Comments;

public abstract class ReadPathTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moderation_on_one_instance_shows_on_another_within_its_cache_lifetime()
    {
        await using var other = await stack.StartHostAsync(kind, new Dictionary<string, string?> { ["Comments:ReadCacheSeconds"] = "1" });
        var post = TestIds.Post();
        var reader = new CommentApi(other);
        Assert.Empty((await reader.GetPageAsync(post))["comments"]!.AsArray());
        var etag = (await reader.GetAsync(post)).Headers.ETag!.Tag;

        var id = await new CommentApi(Server).PublishAsync(post, "Seen everywhere");

        // Polls (bounded) rather than timing: the other instance must catch up by itself, without a restart.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200, Ct);
            response = await reader.GetAsync(post, ifNoneMatch: etag);
        }
        while (response.StatusCode == HttpStatusCode.NotModified && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(id, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_gets_a_fresh_form_token_while_the_etag_stays()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var first = await api.GetAsync(post);
        var second = await api.GetAsync(post);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        var tokens = Server.Services.GetRequiredService<FormTokens>();
        foreach (var response in new[] { first, second })
        {
            var token = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["formToken"]!.GetValue<string>();
            Assert.Equal(FormTokenCheck.Valid, tokens.Check(post, token).Check);
            Assert.Equal(FormTokenCheck.Invalid, tokens.Check(TestIds.Post(), token).Check);
        }
    }

    [Fact]
    public async Task Storage_outage_is_503_with_retry_after_and_never_a_500()
    {
        var dead = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        await using var server = await BlogServer.StartAsync(dead);
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var token = server.Services.GetRequiredService<FormTokens>().Issue(post);
        var responses = new[]
        {
            await api.PostAsync(post, new { author = "A", body = "During outage", formToken = token }),
            await api.GetAsync(post),
            await server.Client.GetAsync(new Uri($"api/comment-counts?postId={post}", UriKind.Relative), Ct),
            await server.Moderator.GetAsync(new Uri("api/moderation/comments", UriKind.Relative), Ct),
            await server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/00000000000000000000f/approve", UriKind.Relative), null, Ct),
        };
        foreach (var response in responses)
        {
            await CommentApi.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }
}

public sealed class ReadPathTestsOnSelfHost(BlogFixture stack) : ReadPathTests(stack, HostKind.SelfHost);

public sealed class ReadPathTestsOnFunctions(BlogFixture stack) : ReadPathTests(stack, HostKind.Functions);
