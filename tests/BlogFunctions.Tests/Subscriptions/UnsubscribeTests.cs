using System.Net;
using System.Text;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;

namespace BlogFunctions.Tests.Subscriptions;

public abstract class UnsubscribeTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private SubscriptionHarness _h = null!;
    private HttpClient _mailClient = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SubscriptionHarness.StartAsync(kind, fixture);
        // What a mailbox provider's one-click POST is: no redirects followed, no cookies.
        _mailClient = ContractCheckingHandler.Client(_h.Server.BaseAddress, new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    public async ValueTask DisposeAsync()
    {
        _mailClient.Dispose();
        await _h.DisposeAsync();
    }

    /// <summary>An active subscriber; returns the List-Unsubscribe URL of their welcome email as a path.</summary>
    private async Task<(string Email, string Path)> ActiveSubscriberAsync()
    {
        var email = SubscriptionHarness.NewAddress();
        using (await _h.SubscribeAsync(email)) { }
        using (await _h.ConfirmAsync(SubscriptionHarness.Link(_h.Sink.MessagesTo(email)[0].Text!, "subscriptions/confirm"))) { }
        var header = _h.Sink.MessagesTo(email)[1].Headers["List-Unsubscribe"].Trim('<', '>');
        return (email, new Uri(header).PathAndQuery.TrimStart('/'));
    }

    public static TheoryData<string> Encodings() => ["urlencoded", "multipart"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task One_click_post_as_a_mailbox_provider_sends_it(string encoding)
    {
        var (email, path) = await ActiveSubscriberAsync();
        HttpContent Body() => encoding == "urlencoded"
            ? new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded")
            : new MultipartFormDataContent("----gmail-boundary") { { new StringContent("One-Click"), "List-Unsubscribe" } };

        for (var i = 0; i < 2; i++) // idempotent
        {
            using var body = Body();
            using var r = await _mailClient.PostAsync(path, body, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.False(r.Headers.Contains("Set-Cookie"));
            Assert.Null(r.Headers.Location);
        }
        var s = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Unsubscribed, s!.Status);
        Assert.NotNull(s.UnsubscribedAt);
    }

    [Fact]
    public async Task The_page_shows_a_button_and_changes_nothing_until_pressed()
    {
        var (email, path) = await ActiveSubscriberAsync();
        using var page = await _mailClient.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<button type=\"submit\">Unsubscribe</button>", html);
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(email))!.Status);

        // The page's form posts back to the same URL.
        var action = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "action=\"([^\"]+)\"").Groups[1].Value);
        using var pressed = await _h.PostFormAsync(action.TrimStart('/'), ("List-Unsubscribe", "One-Click"));
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await _h.SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_forged_token_gets_a_400_page_and_changes_nothing()
    {
        var (email, path) = await ActiveSubscriberAsync();
        var token = SubscriptionHarness.Token(path);
        var forgeries = new[]
        {
            token[..^3] + "abc",
            "not-a-token",
            "",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("x")) + "." + token.Split('.')[1],
            token.Split('.')[0] + ".",
        };
        foreach (var forged in forgeries)
        {
            using var body = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded");
            using var r = await _mailClient.PostAsync("api/subscriptions/unsubscribe?token=" + Uri.EscapeDataString(forged), body,
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
            using var page = await _mailClient.GetAsync("api/subscriptions/unsubscribe?token=" + Uri.EscapeDataString(forged),
                TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        }
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Unsubscribe_links_never_expire()
    {
        var (email, path) = await ActiveSubscriberAsync();
        _h.AdvanceClock(TimeSpan.FromDays(3 * 365));
        using var body = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded");
        using var r = await _mailClient.PostAsync(path, body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await _h.SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task Subscribing_again_after_unsubscribing_needs_a_new_confirmation()
    {
        var (email, path) = await ActiveSubscriberAsync();
        using (var body = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"))
        using (await _mailClient.PostAsync(path, body, TestContext.Current.CancellationToken)) { }
        using (await _h.SubscribeAsync(email)) { }
        Assert.Equal(SubscriberStatus.Pending, (await _h.SubscriberAsync(email))!.Status);
        var messages = _h.Sink.MessagesTo(email);
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("Confirm", messages[2].Subject);
    }
}

public sealed class UnsubscribeTestsOnSelfHost(BlogFixture fixture) : UnsubscribeTests(fixture, HostKind.SelfHost);

public sealed class UnsubscribeTestsOnFunctions(BlogFixture fixture) : UnsubscribeTests(fixture, HostKind.Functions);
