using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Comments;

/// <summary>GET posts/{postId}/comments/status: what a reader's held comments became, in three words.</summary>
public abstract class CommentStatusTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_pending_approved_or_gone_for_each_id_and_is_never_cached()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post("st");
        var ids = new List<string>();
        foreach (var body in new[] { "Stays held.", "Gets approved.", "Gets rejected.", "Gets deleted." })
        {
            ids.Add((await api.PostOkAsync(post, new { author = "Sam", body }, HttpStatusCode.Accepted))["id"]!.GetValue<string>());
        }
        await Moderate(post, ids[1], "approve");
        await Moderate(post, ids[2], "reject");
        var deleted = await Server.Moderator.DeleteAsync(new Uri($"api/moderation/comments/{post}/{ids[3]}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var unknown = CommentIds.New(DateTimeOffset.UtcNow);

        var response = await Get(post, [.. ids, unknown, ids[0]]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(5, answer.Count);
        Assert.Equal("pending", (string?)answer[ids[0]]);
        Assert.Equal("approved", (string?)answer[ids[1]]);
        Assert.Equal("gone", (string?)answer[ids[2]]);
        Assert.Equal("gone", (string?)answer[ids[3]]);
        Assert.Equal("gone", (string?)answer[unknown]);

        // Another post's id is unknown here: a reader learns nothing across posts.
        var elsewhere = (await (await Get(TestIds.Post("st"), [ids[0]])).Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("gone", (string?)elsewhere[ids[0]]);
    }

    [Fact]
    public async Task Spam_the_screening_filed_reads_as_pending_until_a_moderator_decides()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post("st");
        // The honeypot makes it spam at once; the poster got the same 202 as a held comment.
        var id = (await api.PostOkAsync(post, new { author = "Bot", body = "Cheap pills.", homepage = "http://spam.example" },
            HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        Assert.Equal("pending", (string?)(await (await Get(post, [id])).Content.ReadFromJsonAsync<JsonObject>(Ct))![id]);
        await Moderate(post, id, "reject");
        Assert.Equal("gone", (string?)(await (await Get(post, [id])).Content.ReadFromJsonAsync<JsonObject>(Ct))![id]);
    }

    [Theory]
    [InlineData("", "invalid_comment_ids")]
    [InlineData("?id=", "invalid_comment_id")]
    [InlineData("?id=abc", "invalid_comment_id")]
    [InlineData("?id=0123456789abcdef01234Z", "invalid_comment_id")]
    [InlineData("?id=0123456789ABCDEF01234", "invalid_comment_id")]
    [InlineData("?id=0123456789abcdef01234&id=%3Cscript%3E", "invalid_comment_id")]
    public async Task Bad_ids_are_a_problem_not_a_guess(string query, string code)
    {
        var response = await Server.Client.GetAsync(new Uri($"api/posts/{TestIds.Post("st")}/comments/status{query}", UriKind.Relative), Ct);
        var problem = await CommentApi.ProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal("id", (string?)problem["field"]);
    }

    [Fact]
    public async Task At_most_twenty_ids_and_a_valid_post_id()
    {
        var many = Enumerable.Range(0, CommentStatusHandler.MaxIds + 1).Select(_ => CommentIds.New(DateTimeOffset.UtcNow)).ToList();
        await CommentApi.ProblemAsync(await Get(TestIds.Post("st"), many), HttpStatusCode.BadRequest, "invalid_comment_ids");
        Assert.Equal(HttpStatusCode.OK, (await Get(TestIds.Post("st"), many[..CommentStatusHandler.MaxIds])).StatusCode);
        await CommentApi.ProblemAsync(await Get("Bad.Post", many[..1]), HttpStatusCode.BadRequest, "invalid_post_id");
    }

    [Theory]
    [InlineData(CommentStatus.Pending, false, "pending")]
    [InlineData(CommentStatus.Approved, false, "approved")]
    [InlineData(CommentStatus.Approved, true, "approved")]
    [InlineData(CommentStatus.Rejected, true, "gone")]
    [InlineData(CommentStatus.Spam, false, "pending")]
    [InlineData(CommentStatus.Spam, true, "gone")]
    public void Public_status_rule(string status, bool moderated, string expected)
    {
        var comment = new CommentEntity { Status = status, ModeratedAt = moderated ? DateTimeOffset.UtcNow : null };
        Assert.Equal(expected, CommentStatusHandler.PublicStatus(comment));
        Assert.Equal("gone", CommentStatusHandler.PublicStatus(null));
    }

    private Task<HttpResponseMessage> Get(string post, IEnumerable<string> ids) =>
        Server.Client.GetAsync(new Uri($"api/posts/{post}/comments/status?" + string.Join("&", ids.Select(i => "id=" + i)), UriKind.Relative), Ct);

    private async Task Moderate(string post, string id, string action)
    {
        var response = await Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/{action}", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class CommentStatusTestsOnSelfHost(BlogFixture stack) : CommentStatusTests(stack, HostKind.SelfHost);

public sealed class CommentStatusTestsOnFunctions(BlogFixture stack) : CommentStatusTests(stack, HostKind.Functions);
