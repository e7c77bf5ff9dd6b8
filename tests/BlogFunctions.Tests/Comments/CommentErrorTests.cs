using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Comments;

/// <summary>Every error of the POST contract answers problem+json with its code, and stores nothing.</summary>
public abstract class CommentErrorTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"body":"Hi"}""", "author_required" },
        { """{"author":"Ann"}""", "body_required" },
        { $$"""{"author":"{{new string('a', 81)}}","body":"Hi"}""", "invalid_author" },
        { $$"""{"author":"Ann","body":"{{new string('b', 5001)}}"}""", "body_too_long" },
        { """{"author":"Ann","body":"Hi","email":"nope"}""", "invalid_email" },
        { """{"author":"Ann","body":"Hi","website":"javascript:alert(1)"}""", "invalid_website" },
        { """{"author":"Ann","body":"Hi","parentId":"zzz"}""", "invalid_parent" },
        { """{"author":"Ann","body":"Hi","parentId":"00000000000000000000a"}""", "invalid_parent" },
        { """{"author":"Ann","body":"Hi","notify":"replies"}""", "notify_requires_email" },
        { """{"author":"Ann","body":"Hi","email":"a@example.com","notify":"weekly"}""", "invalid_notify" },
        { """{"author":"Ann","body":"Hi","formToken":"forged.token"}""", "form_token_invalid" },
        { """{"author":"Ann","body":"Hi","formToken":""}""", "form_token_invalid" },
        { """{"author":"Ann","body":"Hi""", "invalid_json" },
        { """[1,2]""", "invalid_json" },
        { """{"author":5,"body":"Hi"}""", "invalid_json" },
        { "null", "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_with_a_code_and_nothing_is_stored(string json, string code)
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var token = await api.FormTokenAsync(post);
        var node = json.StartsWith('{') && json.EndsWith('}') ? JsonNode.Parse(json)!.AsObject() : null;
        if (node is not null && !node.ContainsKey("formToken"))
        {
            node["formToken"] = token;
        }
        var response = await api.PostRawAsync(post, node?.ToJsonString() ?? json, "application/json");
        await CommentApi.ProblemAsync(response, HttpStatusCode.BadRequest, code);
        await AssertNothingStoredAsync(post);
    }

    [Fact]
    public async Task Too_large_is_413_and_not_json_is_415()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var big = "{\"author\":\"Ann\",\"body\":\"" + new string('x', 17 * 1024) + "\"}";
        await CommentApi.ProblemAsync(await api.PostRawAsync(post, big, "application/json"), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await CommentApi.ProblemAsync(await api.PostRawAsync(post, "author=Ann&body=Hi", "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await CommentApi.ProblemAsync(await api.PostRawAsync(post, "{}", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertNothingStoredAsync(post);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("a.b")]
    [InlineData("a%20b")]
    [InlineData("a%23b")]
    public async Task Bad_post_id_is_400_everywhere(string postId)
    {
        var api = new CommentApi(Server);
        await CommentApi.ProblemAsync(await api.PostRawAsync(postId, """{"author":"A","body":"B","formToken":"x"}""", "application/json"),
            HttpStatusCode.BadRequest, "invalid_post_id");
        await CommentApi.ProblemAsync(await api.GetAsync(postId), HttpStatusCode.BadRequest, "invalid_post_id");
        await CommentApi.ProblemAsync(await Server.Client.GetAsync(new Uri("api/comment-counts?postId=" + postId, UriKind.Relative), Ct),
            HttpStatusCode.BadRequest, "invalid_post_id");
    }

    [Fact]
    public async Task Too_long_post_id_is_400()
    {
        var api = new CommentApi(Server);
        await CommentApi.ProblemAsync(await api.GetAsync(new string('a', 101)), HttpStatusCode.BadRequest, "invalid_post_id");
    }

    [Fact]
    public async Task Counts_need_1_to_50_ids()
    {
        var client = Server.Client;
        await CommentApi.ProblemAsync(await client.GetAsync(new Uri("api/comment-counts", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "invalid_post_ids");
        var many = string.Join('&', Enumerable.Range(0, 51).Select(i => $"postId=p{i}"));
        await CommentApi.ProblemAsync(await client.GetAsync(new Uri("api/comment-counts?" + many, UriKind.Relative), Ct), HttpStatusCode.BadRequest, "invalid_post_ids");
        var fifty = string.Join('&', Enumerable.Range(0, 50).Select(i => $"postId=p{i}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("api/comment-counts?" + fifty, UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Token_for_another_post_is_invalid_and_the_problem_carries_a_fresh_one()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var other = await api.FormTokenAsync(TestIds.Post());
        var problem = await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "A", body = "B", formToken = other }),
            HttpStatusCode.BadRequest, "form_token_invalid");
        var fresh = problem["formToken"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync(post, new { author = "A", body = "B", formToken = fresh })).StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_400_form_token_expired_with_a_usable_fresh_token()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var tokens = Server.Services.GetRequiredService<FormTokens>();
        var old = tokens.Issue(post, DateTimeOffset.UtcNow.AddHours(-25));
        var problem = await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "A", body = "B", formToken = old }),
            HttpStatusCode.BadRequest, "form_token_expired");
        await AssertNothingStoredAsync(post);
        var fresh = problem["formToken"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync(post, new { author = "A", body = "B", formToken = fresh })).StatusCode);
    }

    [Fact]
    public async Task Token_younger_than_the_minimum_is_400_form_token_too_fast()
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?> { ["Comments:MinSecondsToSubmit"] = "60" });
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var problem = await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "A", body = "Quick" }),
            HttpStatusCode.BadRequest, "form_token_too_fast");
        Assert.InRange(problem["retryAfterSeconds"]!.GetValue<int>(), 1, 60);
        await AssertNothingStoredAsync(post);

        var tokens = server.Services.GetRequiredService<FormTokens>();
        var aged = tokens.Issue(post, DateTimeOffset.UtcNow.AddSeconds(-61));
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync(post, new { author = "A", body = "Slow", formToken = aged })).StatusCode);
    }

    private async Task AssertNothingStoredAsync(string post)
    {
        var tables = Server.Services.GetRequiredService<BlogTables>();
        // The post's partition holds the comments and everything written with them (fingerprint, count, marker).
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(e => e.PartitionKey == post, cancellationToken: Ct))
        {
            Assert.Fail($"{CommentTables.Comments} has a row for {post}: {row.RowKey}");
        }
        var counts = await Server.Client.GetStringAsync(new Uri($"api/comment-counts?postId={post}", UriKind.Relative), Ct);
        Assert.Contains("\":0}", counts, StringComparison.Ordinal);
    }
}

public sealed class CommentErrorTestsOnSelfHost(BlogFixture stack) : CommentErrorTests(stack, HostKind.SelfHost);

public sealed class CommentErrorTestsOnFunctions(BlogFixture stack) : CommentErrorTests(stack, HostKind.Functions);
