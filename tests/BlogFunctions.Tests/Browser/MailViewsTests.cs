using System.Net.Http.Json;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Newsletter;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// The moderation page's newsletter, delivery-log and subscriber views against the real routes.
/// Storage and SendGrid sink of its own: subscriber counts and newsletter runs cover whole tables.
/// </summary>
public sealed class MailViewsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private MailRig _rig = null!;

    private SendGridSink Sink => _rig.Sink;

    private DemoSite Site => _rig.Site;

    public async ValueTask InitializeAsync() => _rig = await MailRig.StartAsync();

    [Fact]
    public async Task Moderator_sees_subscribers_resends_an_uncertain_chunk_reads_the_delivery_log_and_erases_an_address()
    {
        var ct = TestContext.Current.CancellationToken;
        var active = await _rig.SubscribeAsync("active", confirm: true);
        var pending = await _rig.SubscribeAsync("pending", confirm: false);
        // The post's send (queued as it is registered) drops its connection after SendGrid took it,
        // so the chunk is uncertain and waits for a moderator's decision, which the page asks for twice.
        Sink.Enqueue(SinkFault.DropAfterAccept);
        var key = await NewsletterTestHelpers.RegisterPostAsync(Site.Api);

        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await ModerationPage.SignInAsync(page, Site);

        // Subscribers: counts by status and both addresses, then the CSV export.
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribers" }).ClickAsync();
        await Expect(page.Locator("#sb-counts")).ToContainTextAsync("2 subscriber(s)");
        await Expect(page.Locator("#sb-counts")).ToContainTextAsync("1 active");
        await Expect(page.Locator("#sb-counts")).ToContainTextAsync("1 pending");
        await Expect(page.Locator("#sb-body")).ToContainTextAsync(active);
        await Expect(page.Locator("#sb-body")).ToContainTextAsync(pending);
        await page.SelectOptionAsync("#sb-status", "active");
        await Expect(page.Locator("#sb-body")).Not.ToContainTextAsync(pending);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), ct);
        Assert.Contains(active, csv, StringComparison.Ordinal);

        // Newsletter: running it now only queues a sync; the page follows the post until it settles.
        await page.GetByRole(AriaRole.Button, new() { Name = "Newsletter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run newsletter now" }).ClickAsync();
        await Expect(page.Locator("#nl-line")).ToContainTextAsync("Queued");
        var resend = page.GetByRole(AriaRole.Button, new() { Name = "Resend chunk 0" });
        await Expect(page.Locator("#nl-posts")).ToContainTextAsync("uncertain");
        await resend.ClickAsync();
        var sure = page.GetByRole(AriaRole.Button, new() { Name = "click again to resend anyway" });
        await Expect(sure).ToBeVisibleAsync();
        Assert.DoesNotContain(NewsletterTestHelpers.CountsFor(Sink, key).Values, n => n > 1);
        await sure.ClickAsync();
        await Expect(page.Locator("#nl-line")).ToContainTextAsync("Chunk 0");
        await Expect(page.Locator("#nl-posts")).ToContainTextAsync("1 / 1");
        Assert.True(NewsletterTestHelpers.CountsFor(Sink, key).ContainsKey(active));

        // Delivery log: the reader's own emails by address, the newsletter's chunk sends by kind.
        await page.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        await page.GetByLabel("Recipient").FillAsync(active);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#dl-body")).ToContainTextAsync("confirmation");
        await Expect(page.Locator("#dl-body")).ToContainTextAsync("welcome");
        await Expect(page.Locator("#dl-body")).Not.ToContainTextAsync("newsletter");
        await page.GetByLabel("Recipient").FillAsync("");
        await page.SelectOptionAsync("#dl-kind", "newsletter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#dl-body")).ToContainTextAsync("uncertain");
        await Expect(page.Locator("#dl-body")).ToContainTextAsync("chunk 0");
        await Expect(page.Locator("#dl-body")).Not.ToContainTextAsync("welcome");

        // Erasure needs the box ticked; then the pending address is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribers" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(pending);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();
        await Expect(page.Locator("#erase-line")).ToBeEmptyAsync();
        await page.GetByLabel("I understand this cannot be undone").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();
        await Expect(page.Locator("#erase-line")).ToContainTextAsync("Subscriber removed");
        var left = await Site.Api.Moderator.GetFromJsonAsync<SubscriberList>("api/moderation/subscribers", ct);
        Assert.DoesNotContain(left!.Items, s => s.Email == pending);
        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
        await watched.ScreenshotAsync("moderation-subscribers");
    }

    private sealed record SubscriberList(List<SubscriberRow> Items);

    private sealed record SubscriberRow(string Email);

    public ValueTask DisposeAsync() => _rig.DisposeAsync();
}
