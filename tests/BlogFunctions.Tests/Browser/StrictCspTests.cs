using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// The demo blog serves every page under default-src 'self' with the API as the only other source
/// of script, style and fetch: the widget and the counts must work there without one violation.
/// </summary>
public sealed class StrictCspTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Widget_reads_and_posts_comments_and_counts_fill_under_a_strict_policy_without_violations()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await site.PostCommentAsync(DemoSite.Article, "Ines Csp", "Read under a **strict** policy.");
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        var response = await page.GotoAsync(site.ArticleUrl().ToString());
        var api = site.Api.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal($"default-src 'self'; script-src 'self' {api}; style-src 'self' {api}; connect-src {api}",
            await response!.HeaderValueAsync("content-security-policy"));

        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-item .bc-body strong")).ToHaveTextAsync("strict");
        // The served stylesheet applies (the honeypot is off-screen) and the avatar hue came through the CSSOM.
        Assert.Equal("absolute", await page.Locator(".bc-hp").EvaluateAsync<string>("e => getComputedStyle(e).position"));
        Assert.NotEqual("", await widget.Locator(".bc-avatar").First.EvaluateAsync<string>("e => e.style.getPropertyValue('--bc-hue')"));
        Assert.Equal(0, await page.Locator("style").CountAsync());

        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Posted under the same policy.");
        await page.GetByLabel("Name").FillAsync("Otto Policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("published");
        await Expect(widget.Locator(".bc-item")).ToHaveCountAsync(2);
        Assert.Empty(await WatchedPage.CspViolationsAsync(page));

        await page.GotoAsync(site.Blog.ToString());
        await Expect(page.Locator($"[data-comment-count='{site.PostId()}']")).ToHaveTextAsync("2 comments");
        Assert.Empty(await WatchedPage.CspViolationsAsync(page));
        Assert.DoesNotContain(watched.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Empty(watched.Errors);

        // The watch itself works: an inline <style> from script is refused and reported.
        await page.EvaluateAsync("() => document.head.appendChild(document.createElement('style')).textContent = 'body{color:red}'");
        await page.WaitForFunctionAsync("() => (window.__csp || []).some(v => v.startsWith('style-src'))");
    }
}
