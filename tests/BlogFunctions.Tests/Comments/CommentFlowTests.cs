using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Comments;

public abstract class CommentFlowTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Held_comment_is_hidden_until_approved_then_served()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var email = $"{Guid.NewGuid():N}@example.com";
        var held = await api.PostOkAsync(post, new { author = "Ann", email, body = "Hello *world*" }, HttpStatusCode.Accepted);
        Assert.Equal("pending", held["status"]!.GetValue<string>());
        var id = held["id"]!.GetValue<string>();

        var before = await api.GetPageAsync(post);
        Assert.Empty(before["comments"]!.AsArray());
        Assert.Equal(0, before["count"]!.GetValue<int>());

        var approve = await Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/approve", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var moderated = (await approve.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("approved", moderated["status"]!.GetValue<string>());
        Assert.Equal(email, moderated["email"]!.GetValue<string>());
        Assert.NotNull(approve.Headers.ETag);

        var after = await api.GetPageAsync(post);
        var comment = Assert.Single(after["comments"]!.AsArray())!.AsObject();
        Assert.Equal(id, comment["id"]!.GetValue<string>());
        Assert.Equal("Ann", comment["author"]!.GetValue<string>());
        Assert.Equal("<p>Hello <em>world</em></p>", comment["bodyHtml"]!.GetValue<string>());
        Assert.Equal(1, after["count"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(after["formToken"]!.GetValue<string>()));
        Assert.Null(after["next"]?.GetValue<string>());

        var counts = await Server.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={post}&postId=nothing-here", Ct);
        Assert.Equal(1, counts![post]!.GetValue<int>());
        Assert.Equal(0, counts["nothing-here"]!.GetValue<int>());
    }

    [Fact]
    public async Task Returning_author_with_the_token_is_published_at_once_in_FirstTime_mode()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var email = $"{Guid.NewGuid():N}@example.com";
        var first = await api.PostOkAsync(post, new { author = "Bob", email, body = "First!" }, HttpStatusCode.Accepted);
        var authorToken = first["authorToken"]!.GetValue<string>();
        await Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{first["id"]}/approve", UriKind.Relative), null, Ct);

        var second = await api.PostOkAsync(post, new { author = "bob", email, body = "Again, **bold**", website = "https://bob.example/", authorToken }, HttpStatusCode.Created);
        Assert.Equal("bob", second["author"]!.GetValue<string>());
        Assert.Equal("https://bob.example/", second["website"]!.GetValue<string>());
        Assert.Equal("<p>Again, <strong>bold</strong></p>", second["bodyHtml"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(second["authorToken"]?.GetValue<string>()));

        // The same name and address without the token, or the token with another name: held.
        await api.PostOkAsync(post, new { author = "Bob", email, body = "Typed, not proven" }, HttpStatusCode.Accepted);
        await api.PostOkAsync(post, new { author = "Mallory", email, body = "Hi", authorToken }, HttpStatusCode.Accepted);
        var page = await api.GetPageAsync(post);
        Assert.Equal(2, page["count"]!.GetValue<int>());
        // A page never carries anyone's token.
        Assert.DoesNotContain("authorToken", page.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_needs_an_approved_parent_of_the_same_post()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var parent = await api.PublishAsync(post, "Parent");
        var pending = (await api.PostOkAsync(post, new { author = "Cy", body = "Held" }, HttpStatusCode.Accepted))["id"]!.GetValue<string>();

        var reply = await api.PostOkAsync(post, new { author = "Di", body = "Reply", parentId = parent }, HttpStatusCode.Accepted);
        Assert.Equal("pending", reply["status"]!.GetValue<string>());

        await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "Di", body = "x", parentId = pending }), HttpStatusCode.BadRequest, "invalid_parent");
        await CommentApi.ProblemAsync(await api.PostAsync(TestIds.Post(), new { author = "Di", body = "x", parentId = parent }), HttpStatusCode.BadRequest, "invalid_parent");
        await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "Di", body = "x", parentId = "../x" }), HttpStatusCode.BadRequest, "invalid_parent");
    }

    [Fact]
    public async Task Pages_are_oldest_first_with_an_opaque_cursor()
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?>
        {
            ["Comments:PageSize"] = "2",
            ["Comments:Mode"] = "None",
        });
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await api.PostOkAsync(post, new { author = "P", body = $"Comment number {i}" }, HttpStatusCode.Created);
            ids.Add(created["id"]!.GetValue<string>());
        }
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetPageAsync(post, cursor);
            Assert.Equal(5, page["count"]!.GetValue<int>());
            seen.AddRange(page["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null && seen.Count < 10);
        Assert.Equal(ids, seen);

        await CommentApi.ProblemAsync(await api.GetAsync(post, "not-a-cursor!"), HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task Etag_gives_304_until_the_page_changes()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        await api.PublishAsync(post, "One");
        var first = await api.GetAsync(post);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.NotNull(first.Headers.CacheControl?.MaxAge);

        var again = await api.GetAsync(post, ifNoneMatch: etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag);

        await api.PublishAsync(post, "Two");
        var changed = await api.GetAsync(post, ifNoneMatch: etag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }
}

public sealed class CommentFlowTestsOnSelfHost(BlogFixture stack) : CommentFlowTests(stack, HostKind.SelfHost);

public sealed class CommentFlowTestsOnFunctions(BlogFixture stack) : CommentFlowTests(stack, HostKind.Functions);
