using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>The widget on the demo blog, cross-origin against a real SelfHost and Azurite, in Debian's Chromium.</summary>
public sealed class WidgetTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Held_comment_shows_awaiting_moderation_then_appears_after_approval_on_the_moderation_page()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        await HeldThenApprovedAsync(site);
    }

    [Fact]
    public async Task The_same_through_the_Functions_app_from_another_origin_behind_Flex_platform_CORS()
    {
        await using var site = await DemoSite.StartOnFunctionsAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        Assert.NotEqual(site.Blog.GetLeftPart(UriPartial.Authority), site.Api.BaseAddress.GetLeftPart(UriPartial.Authority));
        await HeldThenApprovedAsync(site);
    }

    private async Task HeldThenApprovedAsync(DemoSite site)
    {
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-empty")).ToBeVisibleAsync();

        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Figure-four every evening fixed my *stiff* back.");
        await page.GetByLabel("Name").FillAsync("Ana Held");
        await page.GetByLabel("Email (optional, never shown)").FillAsync("ana.held@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        var mine = widget.Locator(".bc-pending");
        await Expect(mine).ToContainTextAsync("Awaiting moderation");
        await Expect(mine).ToContainTextAsync("Figure-four every evening");
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("awaiting moderation");

        // Still mine after a reload: remembered in this browser only.
        await page.ReloadAsync();
        await Expect(page.Locator(".bc-pending")).ToContainTextAsync("Ana Held");

        // A moderator approves it from the moderation page.
        var moderator = await reader.NewTabAsync();
        await moderator.GotoAsync(site.ModerationPage.ToString());
        await moderator.GetByLabel("Moderator key").FillAsync(BlogServer.ModeratorKey);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var item = moderator.Locator($"#queue li[data-post='{site.PostId()}']", new() { HasText = "Ana Held" });
        await Expect(item).ToContainTextAsync("ana.held@example.com");
        await Expect(item.Locator("a", new() { HasText = site.PostId() })).ToHaveAttributeAsync("href", new Uri(site.Blog, "posts/" + site.PostId()).ToString());
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(moderator.Locator("#status-line")).ToContainTextAsync("approve done");
        await Expect(item).ToHaveCountAsync(0);

        await page.ReloadAsync();
        var approved = page.Locator(".bc-item", new() { HasText = "Ana Held" });
        await Expect(approved.Locator(".bc-body em")).ToHaveTextAsync("stiff");
        await Expect(page.Locator(".bc-pending")).ToHaveCountAsync(0);
        Assert.Empty(reader.Dialogs);
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task Replies_nest_three_levels_and_deeper_ones_are_flattened_with_the_parent_name()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        var parent = (string?)null;
        foreach (var name in new[] { "Level One", "Level Two", "Level Three", "Level Four", "Level Five" })
        {
            parent = await site.PostCommentAsync(DemoSite.Article, name, $"Reply by {name}", parent);
        }
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();

        await Expect(widget.Locator(".bc-l1 > .bc-item")).ToHaveCountAsync(1);
        await Expect(widget.Locator(".bc-l2 > .bc-item")).ToHaveCountAsync(1);
        await Expect(widget.Locator(".bc-l3 > .bc-item")).ToHaveCountAsync(3);
        await Expect(widget.Locator(".bc-l4")).ToHaveCountAsync(0);
        var third = widget.Locator(".bc-l3 > .bc-item");
        await Expect(third.Nth(0).Locator(".bc-at")).ToHaveCountAsync(0);
        await Expect(third.Nth(1).Locator(".bc-at")).ToHaveTextAsync("@Level Three ");
        await Expect(third.Nth(2).Locator(".bc-at")).ToHaveTextAsync("@Level Four ");

        // Reply from the page: the form moves under the comment and the reply lands nested.
        await widget.GetByRole(AriaRole.Button, new() { Name = "Reply: Level One" }).ClickAsync();
        await Expect(widget.Locator(".bc-replying")).ToHaveTextAsync("Replying to Level One");
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("A second reply to the first comment.");
        await page.GetByLabel("Name").FillAsync("Reply Writer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(widget.Locator(".bc-l1 > .bc-item > .bc-l2 > .bc-item", new() { HasText = "Reply Writer" })).ToHaveCountAsync(1);
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("published");
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task Listing_page_fills_every_count_from_one_request()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await site.PostCommentAsync(DemoSite.Article, "Counter A", "First.");
        await site.PostCommentAsync(DemoSite.Article, "Counter B", "Second.");
        await site.PostCommentAsync("glute-bridge-progressions", "Counter C", "Third.");
        await using var reader = await browser.NewPageAsync();
        var countRequests = 0;
        reader.Page.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/comment-counts", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref countRequests);
            }
        };
        await reader.Page.GotoAsync(site.Blog.ToString());
        await Expect(reader.Page.Locator($"[data-comment-count='{site.PostId()}']")).ToHaveTextAsync("2 comments");
        await Expect(reader.Page.Locator($"[data-comment-count='{site.PostId("glute-bridge-progressions")}']")).ToHaveTextAsync("1 comment");
        await Expect(reader.Page.Locator($"[data-comment-count='{site.PostId("desk-hip-flexors")}']")).ToHaveTextAsync("No comments yet");
        Assert.Equal(1, countRequests);
    }

    [Fact]
    public async Task Widget_follows_the_colour_scheme_and_screenshots_are_written()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        var first = await site.PostCommentAsync(DemoSite.Article, "Maya Lindqvist",
            "The **figure-four** stretch helped me a lot. I do it after every long drive.\n\nAlso: walking at lunch.",
            website: "https://maya.example");
        var reply = await site.PostCommentAsync(DemoSite.Article, "Tom Okafor", "Same here! How long do you hold it?", first);
        await site.PostCommentAsync(DemoSite.Article, "Maya Lindqvist", "About 45 seconds per side, breathing slowly.", reply);
        await site.PostCommentAsync(DemoSite.Article, "Jonas Weber", "Glute bridges with a `3 s` hold at the top changed everything for my back.");

        var colours = new Dictionary<ColorScheme, string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var reader = await browser.NewPageAsync(scheme);
            var page = reader.Page;
            await page.GotoAsync(site.ArticleUrl().ToString());
            var widget = page.Locator("[data-blog-comments]");
            await widget.ScrollIntoViewIfNeededAsync();
            await Expect(widget.Locator(".bc-item")).ToHaveCountAsync(4);
            colours[scheme] = await widget.EvaluateAsync<string>("e => getComputedStyle(e).color");
            await reader.ScreenshotAsync("article-" + scheme.ToString().ToLowerInvariant());
            await WatchedPage.ScreenshotAsync("widget-" + scheme.ToString().ToLowerInvariant(), page.Locator("#comments"));
            Assert.True(File.Exists(Path.Combine(BrowserFixture.ScreenshotDirectory, $"widget-{scheme.ToString().ToLowerInvariant()}.png")));
        }
        Assert.NotEqual(colours[ColorScheme.Light], colours[ColorScheme.Dark]);
    }
}
