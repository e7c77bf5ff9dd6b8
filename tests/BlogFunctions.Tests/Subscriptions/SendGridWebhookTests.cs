using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>The signed event webhook, with an ECDSA P-256 key pair made here, as SendGrid signs.</summary>
public abstract class SendGridWebhookTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private SubscriptionHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture,
        new() { ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()) });

    public async ValueTask DisposeAsync()
    {
        _key.Dispose();
        await _h.DisposeAsync();
    }

    private async Task<string> ActiveAsync()
    {
        var email = SubscriptionHarness.NewAddress();
        using (await _h.SubscribeAsync(email)) { }
        using (await _h.ConfirmAsync(SubscriptionHarness.Link(_h.Sink.MessagesTo(email)[0].Text!, "subscriptions/confirm"))) { }
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(email))!.Status);
        return email;
    }

    private static string Events(params (string Email, string Event)[] events) => JsonSerializer.Serialize(
        events.Select(e => new Dictionary<string, object>
        {
            ["email"] = e.Email,
            ["event"] = e.Event,
            ["sg_event_id"] = "ev-" + Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = "msg.1",
            ["timestamp"] = 1_700_000_000,
            ["postId"] = "p-1",
        }));

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature = null, string? timestamp = null,
        ECDsa? signWith = null, bool omitHeaders = false)
    {
        timestamp ??= _h.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        signature ??= Convert.ToBase64String((signWith ?? _key).SignData(Encoding.UTF8.GetBytes(timestamp + body),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sendgrid/events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (!omitHeaders)
        {
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
            request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }
        return await _h.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static TheoryData<string> SuppressingEvents() => ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];

    [Theory]
    [MemberData(nameof(SuppressingEvents))]
    public async Task A_signed_event_suppresses_the_address(string type)
    {
        var email = await ActiveAsync();
        var other = await ActiveAsync();
        using var r = await PostAsync(Events((email.ToUpperInvariant(), type), (other, "delivered"), (other, "open")));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var s = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Suppressed, s!.Status);
        Assert.Equal(type, s.SuppressedReason);
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(other))!.Status);
    }

    [Fact]
    public async Task Bad_missing_or_stale_signatures_get_401_and_change_nothing()
    {
        var email = await ActiveAsync();
        var body = Events((email, "bounce"));
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var stale = _h.Time.GetUtcNow().AddMinutes(-11).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var attempts = new List<Func<Task<HttpResponseMessage>>>
        {
            () => PostAsync(body, omitHeaders: true),
            () => PostAsync(body, signWith: stranger),
            () => PostAsync(body, signature: "not-base64!"),
            () => PostAsync(body, signature: Convert.ToBase64String(new byte[64])),
            () => PostAsync(body, timestamp: stale), // correctly signed, but too old: a replay
            () => PostAsync(body, timestamp: "later"),
        };
        // Correctly signed, then altered in transit.
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(now + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        attempts.Add(() => PostAsync(body.Replace("bounce", "dropped", StringComparison.Ordinal), signature: signed, timestamp: now));
        foreach (var attempt in attempts)
        {
            using var r = await attempt();
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        Assert.Equal(SubscriberStatus.Active, (await _h.SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var email = await ActiveAsync();
        var body = Events((email, "bounce"));
        using (var first = await PostAsync(body))
        {
            Assert.Contains("\"processed\":1", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        _h.AdvanceClock(TimeSpan.FromMinutes(1));
        using var again = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("\"processed\":0", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var log = await _h.Server.Moderator.GetStringAsync("api/moderation/deliveries?kind=event&email=" + Uri.EscapeDataString(email),
            TestContext.Current.CancellationToken);
        Assert.Single(JsonDocument.Parse(log).RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Without_a_configured_key_every_event_is_refused()
    {
        await using var bare = await SubscriptionHarness.StartAsync(kind, fixture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sendgrid/events")
        {
            Content = new StringContent("[]", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", "x");
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", "1");
        using var r = await bare.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}

public sealed class SendGridWebhookTestsOnSelfHost(BlogFixture fixture) : SendGridWebhookTests(fixture, HostKind.SelfHost);

public sealed class SendGridWebhookTestsOnFunctions(BlogFixture fixture) : SendGridWebhookTests(fixture, HostKind.Functions);
