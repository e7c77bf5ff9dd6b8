using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>Hostile input never runs in the widget or the moderation page; the form works by keyboard alone.</summary>
public sealed class WidgetSafetyTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Payloads =
    [
        "<img src=x onerror=\"window.__xss=1;alert(1)\">",
        "\"><script>window.__xss=2;alert(2)</script>",
        "<svg onload=\"window.__xss=3;alert(3)\"></svg>",
        "[click me](javascript:window.__xss=4)",
        "<iframe src=\"javascript:alert(5)\"></iframe>",
        "{{constructor.constructor('alert(6)')()}}",
        "<a href=\"javascript:alert(7)\" id=xss-link>x</a>",
    ];

    private static readonly string[] Websites =
    [
        "https://evil.example/\"><img src=x onerror=alert(8)>",
        "https://evil.example/?q=<script>alert(9)</script>",
        "javascript:alert(10)",
    ];

    [Fact]
    public async Task Xss_payloads_in_author_website_and_body_never_execute_in_widget_or_moderation_page()
    {
        // Mode All holds everything: the moderator sees the payloads pending, readers after approval.
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        var ids = new List<string>();
        for (var i = 0; i < Payloads.Length; i++)
        {
            var id = await TryPostAsync(site, Payloads[i], Payloads[(i + 1) % Payloads.Length], Websites[i % Websites.Length]);
            if (id is not null)
            {
                ids.Add(id);
            }
        }
        Assert.True(ids.Count >= 4, $"only {ids.Count} hostile comments were accepted");

        await using var watched = await browser.NewPageAsync();
        var moderator = watched.Page;
        await moderator.GotoAsync(site.ModerationPage.ToString());
        await moderator.GetByLabel("Moderator key").FillAsync(BlogServer.ModeratorKey);
        await moderator.GetByLabel("Moderator key").PressAsync("Enter");
        // The queue spans every post of the shared storage: look at this site's comments.
        var mine = moderator.Locator($"#queue > li[data-post^='{site.Prefix}']");
        await Expect(mine).ToHaveCountAsync(ids.Count);
        await Expect(mine.GetByText("<img src=x onerror=", new() { Exact = false }).First).ToBeVisibleAsync();
        await AssertInertAsync(moderator, "#queue");

        foreach (var id in ids)
        {
            await site.ApproveAsync(DemoSite.Article, id);
        }
        var reader = await watched.NewTabAsync();
        await reader.GotoAsync(site.ArticleUrl().ToString());
        await reader.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        await Expect(reader.Locator(".bc-item")).ToHaveCountAsync(ids.Count);
        await Expect(reader.Locator(".bc-author").GetByText("\"><script>", new() { Exact = false })).ToHaveCountAsync(1);
        await AssertInertAsync(reader, "[data-blog-comments]");
        // A link the sanitizer disarmed keeps no href at all; every remaining one is http(s).
        foreach (var href in await reader.Locator(".bc a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
        {
            Assert.Matches("^https?://", href);
        }
        Assert.Empty(watched.Dialogs);
    }

    [Fact]
    public async Task A_comment_can_be_written_and_posted_with_the_keyboard_alone()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        await page.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".bc-empty")).ToBeVisibleAsync();

        var focusOrder = new List<string>();
        for (var i = 0; i < 60 && await Focused(page) != "body"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.TypeAsync("Written without a mouse.");
        focusOrder.Add(await Focused(page));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kim Keys");
        focusOrder.Add(await Focused(page));
        foreach (var _ in new[] { "email", "website", "notify", "submit" })
        {
            await page.Keyboard.PressAsync("Tab");
            focusOrder.Add(await Focused(page));
        }
        Assert.Equal(["body", "author", "email", "website", "notify", "submit"], focusOrder);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".bc-pending")).ToContainTextAsync("Written without a mouse.");
        Assert.Empty(watched.Errors);
    }

    [Fact]
    public async Task Errors_show_inline_next_to_their_field_from_client_checks_and_from_problem_json()
    {
        await using var site = await DemoSite.StartAsync(stack);
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        await page.Locator("[data-blog-comments]").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".bc-empty")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.GetByLabel("Comment", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Comment", new() { Exact = true })).ToBeFocusedAsync();

        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Valid body.");
        await page.GetByLabel("Name").FillAsync("Eve Rror");
        await page.GetByLabel("Website (optional)").FillAsync("ftp://files.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator(".bc-f-website .bc-err")).ToContainTextAsync("http://");

        // Passes the client's loose check, fails the server's: the problem's "field" puts it inline.
        await page.GetByLabel("Website (optional)").FillAsync("https://user:secret@site.example/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator(".bc-f-website .bc-err")).ToContainTextAsync("must be an http");
        await Expect(page.GetByLabel("Website (optional)")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal("Valid body.", await page.GetByLabel("Comment", new() { Exact = true }).InputValueAsync());
    }

    /// <summary>The focused control's name ("submit" for the button, "none" for the body).</summary>
    private static Task<string> Focused(IPage page) => page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; if (!e || e === document.body) return 'none';"
        + " if (e.name) return e.name; return e.type === 'submit' ? 'submit' : e.tagName.toLowerCase(); }");

    private static async Task AssertInertAsync(IPage page, string scope)
    {
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        var injected = await page.Locator($"{scope} img, {scope} svg, {scope} iframe, {scope} script, {scope} #xss-link").CountAsync();
        Assert.Equal(0, injected);
    }

    private static async Task<string?> TryPostAsync(DemoSite site, string author, string body, string website)
    {
        var ct = TestContext.Current.CancellationToken;
        var postId = site.PostId();
        var page = await site.Api.Client.GetFromJsonAsync<JsonElement>($"api/posts/{postId}/comments", ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/posts/{postId}/comments")
        {
            Content = JsonContent.Create(new { author = author[..Math.Min(author.Length, 80)], body, website, formToken = page.GetProperty("formToken").GetString() }),
        };
        request.Headers.Add("X-Forwarded-For", TestIds.Ip());
        var response = await site.Api.Client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            // Rejected input (javascript: website) is fine; retry the comment without a website.
            return website.Length == 0 ? null : await TryPostAsync(site, author, body, "");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
    }
}
