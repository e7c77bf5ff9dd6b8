using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// A reader who never scrolls to the comments costs the API nothing: the widget asks for its
/// comments only when it comes near the viewport.
/// </summary>
public sealed class LazyLoadTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Comments_are_requested_only_when_the_widget_is_scrolled_near()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await site.PostCommentAsync(DemoSite.Article, "Lena Lazy", "Read only when *scrolled* to.");
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        // A short viewport puts the widget well past the widget's 800 px look-ahead.
        await page.SetViewportSizeAsync(1000, 240);
        var listRequests = new List<string>();
        var commentsPath = $"/api/posts/{site.PostId()}/comments";
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == commentsPath)
            {
                listRequests.Add(request.Url);
            }
        };

        await page.GotoAsync(site.ArticleUrl().ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        var widget = page.Locator("[data-blog-comments]");
        var top = await widget.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(top > 240 + 800 + 100, $"the widget starts {top} px down: too close to the top for this test to mean anything");
        // The widget has started (its form is there) and still has not asked for the comments.
        await Expect(widget.GetByRole(AriaRole.Button, new() { Name = "Post comment" })).ToBeAttachedAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(listRequests);

        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-item .bc-body em")).ToHaveTextAsync("scrolled");
        Assert.Single(listRequests);
        Assert.Empty(reader.Errors);
    }
}
