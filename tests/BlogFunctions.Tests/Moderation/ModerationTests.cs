using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Moderation;

public abstract class ModerationTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Moderator => Server.Moderator;

    private static Uri Action(string post, string id, string action) =>
        new($"api/moderation/comments/{post}/{id}/{action}", UriKind.Relative);

    private static async Task<string> HoldAsync(CommentApi api, string post, string body = "Held comment", string? email = null) =>
        (await api.PostOkAsync(post, new { author = "Held", email, body }, HttpStatusCode.Accepted))["id"]!.GetValue<string>();

    [Fact]
    public async Task Without_a_valid_key_every_route_is_401_and_nothing_changes()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var id = await HoldAsync(api, post);
        var requests = new Func<HttpRequestMessage>[]
        {
            () => new(HttpMethod.Get, "api/moderation/comments?status=pending"),
            () => new(HttpMethod.Post, Action(post, id, "approve")),
            () => new(HttpMethod.Post, Action(post, id, "reject")),
            () => new(HttpMethod.Post, Action(post, id, "spam")),
            () => new(HttpMethod.Delete, $"api/moderation/comments/{post}/{id}"),
        };
        foreach (var make in requests)
        {
            foreach (var auth in new AuthenticationHeaderValue?[] { null, new("Bearer", "wrong-key"), new("Basic", "eDp5") })
            {
                using var request = make();
                request.Headers.Authorization = auth;
                var response = await Server.Client.SendAsync(request, Ct);
                await CommentApi.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            }
        }
        var pending = await ListAsync("pending");
        Assert.Contains(pending, c => c["id"]!.GetValue<string>() == id);
        Assert.Empty((await api.GetPageAsync(post))["comments"]!.AsArray());
    }

    [Fact]
    public async Task List_is_newest_first_across_posts_with_moderator_fields()
    {
        var api = new CommentApi(Server);
        var (a, b) = (TestIds.Post(), TestIds.Post());
        var first = await HoldAsync(api, a, "older", "mod@example.com");
        var second = await HoldAsync(api, b, "newer");
        var list = await ListAsync("pending");
        var ids = list.Select(c => c["id"]!.GetValue<string>()).ToList();
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first), "newest first");
        var item = list.Single(c => c["id"]!.GetValue<string>() == first);
        Assert.Equal(a, item["postId"]!.GetValue<string>());
        Assert.Equal("mod@example.com", item["email"]!.GetValue<string>());
        Assert.Equal("older", item["bodyMarkdown"]!.GetValue<string>());
        Assert.Equal(["first_time"], item["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(item["etag"]!.GetValue<string>()));
        Assert.NotNull(item["createdAt"]);

        await CommentApi.ProblemAsync(await Moderator.GetAsync(new Uri("api/moderation/comments?status=bogus", UriKind.Relative), Ct),
            HttpStatusCode.BadRequest, "invalid_status");
        await CommentApi.ProblemAsync(await Moderator.GetAsync(new Uri("api/moderation/comments?cursor=%%%", UriKind.Relative), Ct),
            HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task List_pages_with_a_cursor()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var mine = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await HoldAsync(api, post, $"paged {i}"));
        }
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 100 && !mine.IsSubsetOf(seen); pages++)
        {
            var page = await Moderator.GetFromJsonAsync<JsonObject>("api/moderation/comments?status=pending" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            seen.AddRange(page!["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }
        Assert.Subset(seen.ToHashSet(), mine);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Stale_if_match_is_412_and_unknown_is_404()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var id = await HoldAsync(api, post);
        var etag = (await ListAsync("pending")).Single(c => c["id"]!.GetValue<string>() == id)["etag"]!.GetValue<string>();

        using var reject = new HttpRequestMessage(HttpMethod.Post, Action(post, id, "reject"));
        reject.Headers.TryAddWithoutValidation("If-Match", etag);
        var rejected = await Moderator.SendAsync(reject, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var newTag = rejected.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newTag);

        using var stale = new HttpRequestMessage(HttpMethod.Post, Action(post, id, "approve"));
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await CommentApi.ProblemAsync(await Moderator.SendAsync(stale, Ct), HttpStatusCode.PreconditionFailed, "precondition_failed");
        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"api/moderation/comments/{post}/{id}");
        staleDelete.Headers.TryAddWithoutValidation("If-Match", etag);
        await CommentApi.ProblemAsync(await Moderator.SendAsync(staleDelete, Ct), HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Contains(await ListAsync("rejected"), c => c["id"]!.GetValue<string>() == id);
        Assert.Empty((await api.GetPageAsync(post))["comments"]!.AsArray());

        using var fresh = new HttpRequestMessage(HttpMethod.Post, Action(post, id, "approve"));
        fresh.Headers.TryAddWithoutValidation("If-Match", newTag);
        Assert.Equal(HttpStatusCode.OK, (await Moderator.SendAsync(fresh, Ct)).StatusCode);

        await CommentApi.ProblemAsync(await Moderator.PostAsync(Action(post, "00000000000000000000f", "approve"), null, Ct), HttpStatusCode.NotFound, "comment_not_found");
        await CommentApi.ProblemAsync(await Moderator.PostAsync(Action(TestIds.Post(), id, "spam"), null, Ct), HttpStatusCode.NotFound, "comment_not_found");
        await CommentApi.ProblemAsync(await Moderator.PostAsync(Action(post, "nope", "spam"), null, Ct), HttpStatusCode.NotFound, "comment_not_found");
        await CommentApi.ProblemAsync(await Moderator.DeleteAsync(new Uri($"api/moderation/comments/{post}/00000000000000000000f", UriKind.Relative), Ct),
            HttpStatusCode.NotFound, "comment_not_found");
    }

    [Fact]
    public async Task Reject_spam_and_delete_take_a_comment_off_the_page_and_the_count()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await api.PublishAsync(post, $"visible {i}"));
        }
        Assert.Equal(3, (await api.GetPageAsync(post))["count"]!.GetValue<int>());

        Assert.Equal("rejected", (await (await Moderator.PostAsync(Action(post, ids[0], "reject"), null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>());
        Assert.Equal("spam", (await (await Moderator.PostAsync(Action(post, ids[1], "spam"), null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<string>());
        var page = await api.GetPageAsync(post);
        Assert.Equal([ids[2]], page["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(1, page["count"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Moderator.DeleteAsync(new Uri($"api/moderation/comments/{post}/{ids[2]}", UriKind.Relative), Ct)).StatusCode);
        page = await api.GetPageAsync(post);
        Assert.Empty(page["comments"]!.AsArray());
        Assert.Equal(0, page["count"]!.GetValue<int>());
        Assert.DoesNotContain(await ListAsync("approved"), c => c["id"]!.GetValue<string>() == ids[2]);
        var counts = await Server.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={post}", Ct);
        Assert.Equal(0, counts![post]!.GetValue<int>());
        await CommentApi.ProblemAsync(await Moderator.DeleteAsync(new Uri($"api/moderation/comments/{post}/{ids[2]}", UriKind.Relative), Ct),
            HttpStatusCode.NotFound, "comment_not_found");
    }

    private async Task<List<JsonObject>> ListAsync(string status)
    {
        var page = await Moderator.GetFromJsonAsync<JsonObject>($"api/moderation/comments?status={status}", Ct);
        return page!["comments"]!.AsArray().Select(c => c!.AsObject()).ToList();
    }
}

public sealed class ModerationTestsOnSelfHost(BlogFixture stack) : ModerationTests(stack, HostKind.SelfHost);

public sealed class ModerationTestsOnFunctions(BlogFixture stack) : ModerationTests(stack, HostKind.Functions);
