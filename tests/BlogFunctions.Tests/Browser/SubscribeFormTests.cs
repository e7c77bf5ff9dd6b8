using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>The demo page's subscribe form, enhanced by the widget script and as a plain form post.</summary>
public sealed class SubscribeFormTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "bf-outbox-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Subscribing_on_the_article_page_says_check_your_inbox_and_writes_the_confirmation_email()
    {
        await using var site = await DemoSite.StartAsync(stack, Settings());
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        var email = $"reader-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync(site.ArticleUrl().ToString());
        var form = page.Locator("form[data-blog-subscribe]");
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync("Check your inbox to confirm your subscription.");
        Assert.Equal(site.ArticleUrl().ToString(), page.Url);
        Assert.Contains(email, await OutboxTextAsync(email));
        Assert.Empty(watched.Errors);
    }

    [Fact]
    public async Task Without_javascript_the_form_posts_plainly_and_the_api_answers_with_a_page()
    {
        await using var site = await DemoSite.StartAsync(stack, Settings());
        await using var watched = await browser.NewPageAsync(javaScript: false);
        var page = watched.Page;
        var email = $"nojs-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync(site.ArticleUrl().ToString());
        await page.GetByLabel("Email").First.FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        Assert.StartsWith(site.Api.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains(email, await OutboxTextAsync(email));
    }

    [Fact]
    public async Task The_consent_source_is_the_article_page_with_the_enhanced_form_and_with_the_plain_post()
    {
        // All three subscribes come from this machine's address: a limit of their own.
        var settings = Settings();
        settings["Subscriptions:RateLimitCount"] = "1000";
        await using var site = await DemoSite.StartAsync(stack, settings);
        var article = site.ArticleUrl().ToString();
        var emails = new List<string>();

        await using (var watched = await browser.NewPageAsync())
        {
            var page = watched.Page;
            // The demo form as it is (with its hidden source), then a blog's own form without one,
            // where the widget script sends the page's address itself.
            foreach (var withHidden in new[] { true, false })
            {
                var email = $"consent-{(withHidden ? "demo" : "own")}-form-{Guid.NewGuid():N}@example.com";
                await page.GotoAsync(article);
                var form = page.Locator("form[data-blog-subscribe]");
                if (!withHidden)
                {
                    await form.Locator("input[name=source]").EvaluateAsync("e => e.remove()");
                }
                await form.GetByLabel("Email").FillAsync(email);
                await form.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
                await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync("Check your inbox to confirm your subscription.");
                emails.Add(email);
            }
            Assert.Empty(watched.Errors);
        }

        await using (var plain = await browser.NewPageAsync(javaScript: false))
        {
            var email = $"consent-nojs-{Guid.NewGuid():N}@example.com";
            await plain.Page.GotoAsync(article);
            await plain.Page.GetByLabel("Email").First.FillAsync(email);
            await plain.Page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
            await Expect(plain.Page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
            emails.Add(email);
        }

        // Read back as a moderator sees it: the article, not the site root a cross-origin Referer carries.
        foreach (var email in emails)
        {
            Assert.Equal(article, await ConsentSourceAsync(site, email));
        }
    }

    /// <summary>The subscriber's consentSource from GET /api/moderation/subscribers, paging through a shared table.</summary>
    private static async Task<string?> ConsentSourceAsync(DemoSite site, string email)
    {
        var ct = TestContext.Current.CancellationToken;
        string? cursor = null;
        do
        {
            var page = await site.Api.Moderator.GetFromJsonAsync<JsonElement>(
                "api/moderation/subscribers?limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), ct);
            foreach (var row in page.GetProperty("items").EnumerateArray())
            {
                if (row.GetProperty("email").GetString() == email)
                {
                    return row.GetProperty("consentSource").GetString();
                }
            }
            cursor = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        Assert.Fail($"{email} is not among the subscribers");
        return null;
    }

    private Dictionary<string, string?> Settings() => new() { ["Email:OutboxPath"] = _outbox };

    /// <summary>The dev outbox file addressed to <paramref name="email"/>; waits briefly because sending follows the 202.</summary>
    private async Task<string> OutboxTextAsync(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.Exists(_outbox))
            {
                foreach (var file in Directory.EnumerateFiles(_outbox, "*.json", SearchOption.AllDirectories))
                {
                    var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                    if (text.Contains(email, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return $"no email to {email} in {_outbox}";
    }

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }
}
