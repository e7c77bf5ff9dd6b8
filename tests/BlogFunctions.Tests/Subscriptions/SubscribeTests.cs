using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Subscriptions;

public abstract class SubscribeTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private SubscriptionHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture,
        new() { ["Email:PostalAddress"] = "1 Test Street", ["Subscriptions:RateLimitCount"] = "3" });

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task Double_opt_in_from_subscribe_to_welcome()
    {
        var email = SubscriptionHarness.NewAddress();
        using var subscribed = await _h.SubscribeAsync(email, "Ada");
        Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);

        // The address has not confirmed yet: the name the form gave appears nowhere in this mail.
        var confirmation = Assert.Single(_h.Sink.MessagesTo(email));
        Assert.Null(confirmation.To.Name);
        Assert.DoesNotContain("Ada", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("1 Test Street", confirmation.Html);
        var link = SubscriptionHarness.Link(confirmation.Text!, "subscriptions/confirm");
        var stored = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Pending, stored!.Status);
        Assert.NotNull(stored.ConsentIpHash);
        Assert.Equal("v1", stored.ConsentWording);

        // A link scanner's GET shows a page and changes nothing.
        using var page = await _h.Server.Client.GetAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<form method=\"post\"", html);
        Assert.Equal(SubscriberStatus.Pending, (await _h.SubscriberAsync(email))!.Status);

        using var confirmed = await _h.ConfirmAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(email))!.Status);
        var welcome = _h.Sink.MessagesTo(email)[1];
        Assert.StartsWith("Welcome", welcome.Subject);
        Assert.Equal("Ada", welcome.To.Name);
        var unsubscribe = SubscriptionHarness.Link(welcome.Text!, "subscriptions/unsubscribe");
        Assert.EndsWith(unsubscribe + ">", welcome.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Unsubscribe</a>", welcome.Html);

        using var again = await _h.ConfirmAsync(link);
        Assert.Contains("Already confirmed", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, _h.Sink.MessagesTo(email).Count);
    }

    [Fact]
    public async Task Answers_the_same_whatever_the_state_and_repeats_send_nothing_for_ten_minutes()
    {
        var email = SubscriptionHarness.NewAddress();
        var bodies = new List<string>();
        async Task Subscribe()
        {
            using var r = await _h.SubscribeAsync(email);
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            bodies.Add(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        await Subscribe(); // new
        await Subscribe(); // pending
        Assert.Single(_h.Sink.MessagesTo(email));
        _h.AdvanceClock(TimeSpan.FromMinutes(11));
        await Subscribe(); // pending, window over: a fresh confirmation
        Assert.Equal(2, _h.Sink.MessagesTo(email).Count);
        using (await _h.ConfirmAsync(SubscriptionHarness.Link(_h.Sink.MessagesTo(email)[1].Text!, "subscriptions/confirm"))) { }
        _h.AdvanceClock(TimeSpan.FromMinutes(11));
        await Subscribe(); // active
        Assert.Equal(3, _h.Sink.MessagesTo(email).Count); // two confirmations and the welcome, nothing more
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain(email, bodies[0]);
    }

    [Fact]
    public async Task Fifty_concurrent_subscribes_make_one_subscriber_and_one_email()
    {
        var email = SubscriptionHarness.NewAddress("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var r = await _h.SubscribeAsync(i % 2 == 0 ? email : email.ToUpperInvariant());
            return r.StatusCode;
        }));
        Assert.All(responses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Single(_h.Sink.MessagesTo(email));
        Assert.Equal(SubscriberStatus.Pending, (await _h.SubscriberAsync(email))!.Status);
    }

    public static TheoryData<string> InvalidAddresses() =>
    [
        "", "   ", "plainaddress", "@example.com", "a@", "a@b", "a@b..com", "a b@example.com",
        "a@example.com\r\nBcc: victim@example.com", "a@example.com\nX: y", "\"Eve\" <eve@example.com>",
        new string('a', 250) + "@example.com",
    ];

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public async Task Refuses_invalid_addresses_with_problem_json(string email)
    {
        using var r = await _h.SubscribeAsync(email);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_email", problem.GetProperty("code").GetString());
        Assert.Equal(0, _h.Sink.Attempts);
    }

    [Fact]
    public async Task Line_breaks_in_the_name_never_reach_a_header()
    {
        var email = SubscriptionHarness.NewAddress();
        using var r = await _h.SubscribeAsync(email, "Eve\r\nBcc: victim@example.com");
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var confirmation = Assert.Single(_h.Sink.MessagesTo(email));
        using var confirmed = await _h.ConfirmAsync(SubscriptionHarness.Link(confirmation.Text!, "subscriptions/confirm"));
        var welcome = _h.Sink.MessagesTo(email)[1];
        Assert.Equal("Eve Bcc: victim@example.com", welcome.To.Name);
        Assert.Empty(_h.Sink.MessagesTo("victim@example.com"));
    }

    [Fact]
    public async Task A_plain_html_form_post_gets_a_page()
    {
        var email = SubscriptionHarness.NewAddress();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("email", email), KeyValuePair.Create("name", "<b>Bo</b>")]),
        };
        request.Headers.Accept.Add(SubscriptionHarness.Html);
        request.Headers.Add("X-Forwarded-For", TestIds.Ip());
        request.Headers.Referrer = new Uri("https://blog.example/post-1");
        using var r = await _h.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Check your inbox", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("https://blog.example/post-1", (await _h.SubscriberAsync(email))!.ConsentSource);
        var confirmation = Assert.Single(_h.Sink.MessagesTo(email));
        using var confirmed = await _h.ConfirmAsync(SubscriptionHarness.Link(confirmation.Text!, "subscriptions/confirm"));
        Assert.Contains("&lt;b&gt;Bo&lt;/b&gt;", _h.Sink.MessagesTo(email)[1].Html);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("email", "<script>x</script>")]),
        };
        bad.Headers.Accept.Add(SubscriptionHarness.Html);
        using var refused = await _h.Server.Client.SendAsync(bad, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rate_limits_per_client_address()
    {
        var ip = TestIds.Ip();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _h.SubscribeAsync(SubscriptionHarness.NewAddress(), ip: ip);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var limited = await _h.SubscribeAsync(SubscriptionHarness.NewAddress(), ip: ip);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var other = await _h.SubscribeAsync(SubscriptionHarness.NewAddress(), ip: TestIds.Ip());
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task A_rate_limited_html_form_post_gets_a_page_too()
    {
        // The limiter throws a domain exception, not a ProblemException: the HTML form must still get a page.
        var ip = TestIds.Ip();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await _h.SubscribeAsync(SubscriptionHarness.NewAddress(), ip: ip);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("email", SubscriptionHarness.NewAddress())]),
        };
        request.Headers.Accept.Add(SubscriptionHarness.Html);
        request.Headers.Add("X-Forwarded-For", ip);
        using var limited = await _h.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Try again later.", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Forged_and_expired_confirmation_links_change_nothing()
    {
        var email = SubscriptionHarness.NewAddress();
        using (await _h.SubscribeAsync(email)) { }
        var link = SubscriptionHarness.Link(_h.Sink.MessagesTo(email)[0].Text!, "subscriptions/confirm");
        var token = SubscriptionHarness.Token(link);
        var forged = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        using var forgedPage = await _h.Server.Client.GetAsync("api/subscriptions/confirm?token=" + Uri.EscapeDataString(forged), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forgedPage.StatusCode);
        using var forgedPost = await _h.PostFormAsync("api/subscriptions/confirm", ("token", forged));
        Assert.Equal(HttpStatusCode.BadRequest, forgedPost.StatusCode);

        _h.AdvanceClock(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        using var expired = await _h.ConfirmAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(SubscriberStatus.Pending, (await _h.SubscriberAsync(email))!.Status);
        Assert.Single(_h.Sink.MessagesTo(email));
    }
}

public sealed class SubscribeTestsOnSelfHost(BlogFixture fixture) : SubscribeTests(fixture, HostKind.SelfHost);

public sealed class SubscribeTestsOnFunctions(BlogFixture fixture) : SubscribeTests(fixture, HostKind.Functions);
