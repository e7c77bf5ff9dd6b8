using System.Net.Http.Json;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Newsletter;
using BlogFunctions.Tests.Subscriptions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// The moderation page's newsletter, delivery-log and subscriber views against the real routes.
/// Storage and SendGrid sink of its own: subscriber counts and newsletter runs cover whole tables.
/// </summary>
public sealed class MailViewsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();
    private SendGridSink _sink = null!;
    private DemoSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _sink = await SendGridSink.StartAsync();
        _site = await DemoSite.StartAsync(_azurite.ConnectionString, _sink.Settings());
    }

    [Fact]
    public async Task Moderator_sees_subscribers_resends_an_uncertain_chunk_reads_the_delivery_log_and_erases_an_address()
    {
        var ct = TestContext.Current.CancellationToken;
        var active = await SubscribeAsync("active", confirm: true);
        var pending = await SubscribeAsync("pending", confirm: false);
        var key = await NewsletterTestHelpers.RegisterPostAsync(_site.Api);

        await using var watched = await browser.NewPageAsync();
        var page = watched.Page;
        await ModerationPage.SignInAsync(page, _site);

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

        // Newsletter: the send's connection drops after SendGrid took it, so the chunk is uncertain
        // and waits for a moderator's decision, which the page asks for twice.
        _sink.Enqueue(SinkFault.DropAfterAccept);
        await page.GetByRole(AriaRole.Button, new() { Name = "Newsletter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run newsletter now" }).ClickAsync();
        await Expect(page.Locator("#nl-line")).ToContainTextAsync("post(s) dispatched");
        var resend = page.GetByRole(AriaRole.Button, new() { Name = "Resend chunk 0" });
        await Expect(page.Locator("#nl-posts")).ToContainTextAsync("uncertain");
        await resend.ClickAsync();
        var sure = page.GetByRole(AriaRole.Button, new() { Name = "click again to resend anyway" });
        await Expect(sure).ToBeVisibleAsync();
        Assert.DoesNotContain(NewsletterTestHelpers.CountsFor(_sink, key).Values, n => n > 1);
        await sure.ClickAsync();
        await Expect(page.Locator("#nl-line")).ToContainTextAsync("Chunk 0");
        await Expect(page.Locator("#nl-posts")).ToContainTextAsync("1 / 1");
        Assert.True(NewsletterTestHelpers.CountsFor(_sink, key).ContainsKey(active));

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
        var left = await _site.Api.Moderator.GetFromJsonAsync<SubscriberList>("api/moderation/subscribers", ct);
        Assert.DoesNotContain(left!.Items, s => s.Email == pending);
        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
        await watched.ScreenshotAsync("moderation-subscribers");
    }

    private async Task<string> SubscribeAsync(string prefix, bool confirm)
    {
        var ct = TestContext.Current.CancellationToken;
        var email = SubscriptionHarness.NewAddress(prefix);
        var response = await ContractClientSubscribe(email);
        response.EnsureSuccessStatusCode();
        if (confirm)
        {
            var mail = (await _sink.WaitForMessagesAsync(m => m.Any(x => x.To.Email == email))).First(x => x.To.Email == email);
            var link = SubscriptionHarness.Link(mail.Text!, "subscriptions/confirm");
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", SubscriptionHarness.Token(link))]);
            (await _site.Api.Client.PostAsync(new Uri("api/subscriptions/confirm", UriKind.Relative), form, ct)).EnsureSuccessStatusCode();
        }
        return email;
    }

    private Task<HttpResponseMessage> ContractClientSubscribe(string email) =>
        Proof.ContractClient.SubscribeAsync(_site.Api.Client, email, TestIds.Ip(), TestContext.Current.CancellationToken);

    private sealed record SubscriberList(List<SubscriberRow> Items);

    private sealed record SubscriberRow(string Email);

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
