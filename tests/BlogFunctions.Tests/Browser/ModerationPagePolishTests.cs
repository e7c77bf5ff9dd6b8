using System.Text.Json;
using BlogFunctions.Tests.Newsletter;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// The moderation page's small things, measured: one queue request at sign-in, a message once the
/// queue is empty, table headers that never break inside a word, posts named by title. Storage of
/// its own, so "the only pending comment" and the delivery log are this test's alone.
/// </summary>
public sealed class ModerationPagePolishTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PendingQueue = "moderation/comments?status=pending";

    [Fact]
    public async Task Sign_in_fetches_the_queue_once_and_approving_the_last_comment_leaves_the_empty_queue_message()
    {
        await using var rig = await MailRig.StartAsync(new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        var site = rig.Site;
        await site.PostCommentAsync(DemoSite.Article, "Only One", "The one comment waiting.");
        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        var queueRequests = 0;
        page.Request += (_, r) =>
        {
            if (r.Method == "GET" && r.Url.Contains(PendingQueue, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref queueRequests);
            }
        };

        await ModerationPage.SignInAsync(page, site);
        var item = page.Locator("#queue li", new() { HasText = "Only One" });
        await Expect(item).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(1, Volatile.Read(ref queueRequests));
        await Expect(page.Locator("#queue-empty")).ToBeHiddenAsync();

        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.Locator("#status-line")).ToContainTextAsync("approve done");
        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.Locator("#queue-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#queue-empty")).ToContainTextAsync("Nothing waiting");

        // A reload with the key still in the tab: one request again, and the message straight away.
        await page.ReloadAsync();
        await Expect(page.Locator("#queue-empty")).ToContainTextAsync("Nothing waiting");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(2, Volatile.Read(ref queueRequests));
        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
    }

    [Fact]
    public async Task On_a_phone_delivery_headers_stay_whole_and_newsletter_sends_are_named_by_post_title()
    {
        await using var rig = await MailRig.StartAsync();
        var site = rig.Site;
        await rig.SubscribeAsync("reader", confirm: true);
        var key = await NewsletterTestHelpers.RegisterPostAsync(site.Api);
        await NewsletterTestHelpers.WaitForDoneAsync(site.Api, key);
        const string title = "Tight glutes and lower back pain";

        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await page.SetViewportSizeAsync(390, 844);
        await ModerationPage.SignInAsync(page, site);

        await page.GetByRole(AriaRole.Button, new() { Name = "Newsletter" }).ClickAsync();
        await Expect(page.Locator("#nl-posts td").First).ToContainTextAsync(title);
        await Expect(page.Locator("#nl-posts")).Not.ToContainTextAsync(key);

        await page.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        var newsletterRow = page.Locator("#dl-body tr", new() { HasText = "chunk 0" });
        await Expect(newsletterRow).ToContainTextAsync(title);
        await Expect(newsletterRow).Not.ToContainTextAsync(key);
        await Expect(page.Locator("#dl-body tr", new() { HasText = "welcome" })).ToHaveCountAsync(1);

        // Every header is one line box and shows whole; the table scrolls inside its box instead
        // of widening the page.
        var measured = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('#dl-body th')].map(th => {
              const range = document.createRange();
              range.selectNodeContents(th);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
              return { text: th.textContent, lines, fits: th.scrollWidth <= th.clientWidth };
            })
            """);
        var headers = measured.EnumerateArray().Select(h => new Header(h.GetProperty("text").GetString()!,
            h.GetProperty("lines").GetInt32(), h.GetProperty("fits").GetBoolean())).ToList();
        Assert.Equal(["Time", "Kind", "Outcome", "Recipients", "Post / comment", "Detail"], headers.Select(h => h.Text));
        Assert.All(headers, h => Assert.True(h.Lines == 1 && h.Fits, $"'{h.Text}': {h.Lines} line(s), fits {h.Fits}"));
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, document.querySelector('#dl-body .table-wrap').scrollWidth, document.querySelector('#dl-body .table-wrap').clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]}");
        Assert.True(widths[2] > widths[3], "the table fits a phone without scrolling, so this test measures nothing");
        await watched.ScreenshotAsync("moderation-deliveries-phone");
        Assert.Empty(watched.Errors);
    }

    private sealed record Header(string Text, int Lines, bool Fits);
}
