using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>What the widget does with its reader's held comments, and how it shows deleted ones that hold replies.</summary>
public sealed partial class OwnCommentTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Rejected_comment_disappears_for_its_author_and_leaves_nothing_in_local_storage()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-empty")).ToBeVisibleAsync();
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Buy my stretching course!");
        await page.GetByLabel("Name").FillAsync("Rex Rejected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(widget.Locator(".bc-pending")).ToContainTextAsync("Awaiting moderation");
        Assert.Equal(1, await HeldInStorageAsync(page));

        var moderator = await watched.NewTabAsync();
        await ModerationPage.SignInAsync(moderator, site);
        var item = moderator.Locator($"#queue li[data-post='{site.PostId()}']", new() { HasText = "Rex Rejected" });
        await item.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(moderator.Locator("#status-line")).ToContainTextAsync("reject done");

        var statusRequests = 0;
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/comments/status?", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref statusRequests);
            }
        };
        await page.ReloadAsync();
        await page.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".bc-empty")).ToBeVisibleAsync();
        await Expect(page.Locator(".bc-pending")).ToHaveCountAsync(0);
        Assert.Equal(0, await HeldInStorageAsync(page));
        Assert.Equal(1, statusRequests);

        // Nothing left to ask about: the next visit makes no status request at all.
        await page.ReloadAsync();
        await page.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".bc-empty")).ToBeVisibleAsync();
        Assert.Equal(1, statusRequests);
        Assert.Empty(watched.Errors);
    }

    [Fact]
    public async Task Deleted_comment_with_replies_renders_as_a_placeholder_that_keeps_its_thread()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        var root = await site.PostCommentAsync(DemoSite.Article, "Dora Deleted", "This will be deleted.");
        var reply = await site.PostCommentAsync(DemoSite.Article, "Rita Reply", "A reply that stays.", root);
        await site.PostCommentAsync(DemoSite.Article, "Nils Nested", "A reply to the reply.", reply);
        await site.PostCommentAsync(DemoSite.Article, "Olga Other", "An unrelated comment.");
        var lonely = CommentIds.New(DateTimeOffset.UtcNow);

        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        // Until the API returns tombstones itself, turn the real answer into one with them.
        await page.RouteAsync(CommentsPage(), async route =>
        {
            var real = await route.FetchAsync();
            var json = JsonNode.Parse(await real.TextAsync())!.AsObject();
            var comments = json["comments"]!.AsArray();
            foreach (var c in comments)
            {
                c!["deleted"] = (string?)c["id"] == root;
            }
            Tombstone(comments.Single(c => (string?)c!["id"] == root)!.AsObject());
            comments.Add(Tombstone(new JsonObject { ["id"] = lonely, ["parentId"] = null, ["createdAt"] = DateTimeOffset.UtcNow }));
            await route.FulfillAsync(new() { Response = real, Body = json.ToJsonString() });
        });
        await page.GotoAsync(site.ArticleUrl().ToString());
        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();

        var tomb = widget.Locator($"#comment-{root}");
        await Expect(tomb.Locator("> .bc-comment")).ToHaveTextAsync("This comment was deleted.");
        await Expect(tomb.Locator("> .bc-comment .bc-avatar, > .bc-comment .bc-author, > .bc-comment .bc-reply")).ToHaveCountAsync(0);
        await Expect(tomb.Locator("> .bc-l2 > .bc-item", new() { HasText = "Rita Reply" })).ToHaveCountAsync(1);
        await Expect(tomb.Locator("> .bc-l2 > .bc-item > .bc-l3 > .bc-item", new() { HasText = "Nils Nested" })).ToHaveCountAsync(1);
        await Expect(widget.Locator($"#comment-{lonely}")).ToHaveCountAsync(0);
        await Expect(widget.Locator(".bc-l1 > .bc-item")).ToHaveCountAsync(2);
        await Expect(widget.GetByRole(AriaRole.Button, new() { Name = "Reply: Rita Reply" })).ToBeVisibleAsync();
        Assert.Equal("italic", await tomb.Locator("> .bc-comment p").EvaluateAsync<string>("e => getComputedStyle(e).fontStyle"));
        await WatchedPage.ScreenshotAsync("widget-deleted-placeholder", page.Locator("#comments"));
        Assert.Empty(watched.Errors);
    }

    private static JsonObject Tombstone(JsonObject c)
    {
        c["author"] = "";
        c["website"] = null;
        c["avatar"] = "";
        c["bodyHtml"] = "";
        c["deleted"] = true;
        return c;
    }

    /// <summary>Held comments this browser remembers for the demo article.</summary>
    private static Task<int> HeldInStorageAsync(IPage page) => page.EvaluateAsync<int>(
        "() => Object.keys(localStorage).filter(k => k.startsWith('bc:http')).reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).length, 0)");

    [GeneratedRegex(@"/api/posts/[^/?]+/comments(\?.*)?$")]
    private static partial Regex CommentsPage();
}
