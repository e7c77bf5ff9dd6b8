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
