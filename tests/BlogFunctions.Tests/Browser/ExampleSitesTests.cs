using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// examples/hugo and examples/eleventy, built for real (Debian's hugo; Eleventy from the pinned npm
/// package), served on their own origin and driven in Chromium against a SelfHost on another one:
/// the path a blog author takes in their first hour, with the snippets exactly as the README shows.
/// </summary>
public sealed class ExampleSitesTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("hugo", "index.xml")]
    [InlineData("eleventy", "feed.xml")]
    public async Task Built_example_blog_holds_a_comment_shows_it_after_approval_and_counts_it(string generator, string feed)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var site = await ExampleSite.StartAsync();
        var origin = site.Origin.GetLeftPart(UriPartial.Authority);
        await using var api = await BlogServer.StartAsync(stack.StorageConnectionString, new Dictionary<string, string?>
        {
            ["Comments:Mode"] = "All",
            ["Cors:AllowedOrigins:0"] = origin,
        });
        Assert.NotEqual(origin, api.BaseAddress.GetLeftPart(UriPartial.Authority));

        // A prefix the id rule must map (upper case, '.'), and fresh ids in the shared Azurite.
        var unique = Guid.NewGuid().ToString("N")[..10];
        await site.BuildAsync(generator, api.BaseAddress, $"Ex.{unique}_", ct);
        var postId = $"ex-{unique}_night_walks";

        // The feed the README names as Newsletter:FeedUrl is one the newsletter reads, with both posts.
        using (var http = new HttpClient())
        {
            await using var xml = await http.GetStreamAsync(new Uri(site.Origin, feed), ct);
            var items = FeedParser.Parse(xml, new Uri(site.Origin, feed));
            Assert.Equal(["First light", "Night walks"], items.Select(i => i.Title).Order(StringComparer.Ordinal));
            Assert.All(items, i => Assert.StartsWith(origin + "/posts/", i.Url, StringComparison.Ordinal));
        }

        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await page.GotoAsync(site.Origin.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Night walks" }).ClickAsync();
        var widget = page.Locator("[data-blog-comments]");
        await Expect(widget).ToHaveAttributeAsync("data-post", postId);
        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-empty")).ToBeVisibleAsync();

        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync($"Written on the {generator} example, *after* dark.");
        await page.GetByLabel("Name").FillAsync("Noor Walker");
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/api/posts/{postId}/comments", StringComparison.Ordinal));
        Assert.Equal(202, posted.Status);
        var commentId = (await posted.JsonAsync())!.Value.GetProperty("id").GetString()!;
        await Expect(widget.Locator(".bc-pending")).ToContainTextAsync("Awaiting moderation");
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("awaiting moderation");

        // Nobody else sees it while it is held.
        var before = await api.Client.GetFromJsonAsync<JsonElement>($"api/posts/{postId}/comments", ct);
        Assert.Equal(0, before.GetProperty("comments").GetArrayLength());

        var approve = await api.Moderator.PostAsync(
            new Uri($"api/moderation/comments/{postId}/{commentId}/approve", UriKind.Relative), null, ct);
        approve.EnsureSuccessStatusCode();

        await page.ReloadAsync();
        await page.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        var approved = page.Locator(".bc-item", new() { HasText = "Noor Walker" });
        await Expect(approved.Locator(".bc-body em")).ToHaveTextAsync("after");
        await Expect(page.Locator(".bc-pending")).ToHaveCountAsync(0);
        await reader.ScreenshotAsync($"example-{generator}-post");

        // Another reader's list page: one count request fills both links.
        await using var listReader = await browser.NewPageAsync();
        await listReader.Page.GotoAsync(site.Origin.ToString());
        await Expect(listReader.Page.Locator($"[data-comment-count='{postId}']")).ToHaveTextAsync("1 comment");
        await Expect(listReader.Page.Locator($"[data-comment-count='ex-{unique}_first-light']")).ToHaveTextAsync("No comments yet");
        await listReader.ScreenshotAsync($"example-{generator}-list");

        Assert.Empty(reader.Dialogs);
        Assert.Empty(reader.Errors);
        Assert.Empty(listReader.Errors);
    }
}
