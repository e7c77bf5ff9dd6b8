using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Email;

/// <summary>The SendGrid sender, the templates and the delivery log, against the recording sink.</summary>
public sealed class EmailSenderTests(BlogFixture fixture) : IAsyncLifetime
{
    private SendGridSink _sink = null!;
    private BlogServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _sink = await SendGridSink.StartAsync();
        var settings = _sink.Settings();
        settings["Email:PostalAddress"] = "1 Test Street, Testville";
        settings["Email:FromName"] = "Test Blog";
        _server = await fixture.StartServerAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
    }

    private IEmailSender Sender => _server.Services.GetRequiredService<IEmailSender>();

    private static EmailMessage Message(params EmailRecipient[] to) =>
        new("Hello there", "<p>Hi -unsub-</p>", "Hi -unsub-", to) { Kind = "test" };

    [Fact]
    public async Task Sends_one_personalization_per_recipient_with_its_own_headers()
    {
        var links = _server.Services.GetRequiredService<UnsubscribeLinks>();
        var to = new[] { "a@example.com", "b@example.com" }.Select(e => new EmailRecipient(e, "Reader")
        {
            Headers = links.HeadersFor(e),
            Substitutions = new Dictionary<string, string> { ["-unsub-"] = links.UrlFor(e).AbsoluteUri },
            CustomArgs = new Dictionary<string, string> { ["chunk"] = "7" },
        }).ToArray();

        var result = await Sender.SendAsync(Message(to), TestContext.Current.CancellationToken);

        Assert.Equal(EmailOutcome.Sent, result.Outcome);
        Assert.Equal(_sink.Requests.Single().MessageId, result.MessageId);
        var request = _sink.Requests.Single();
        Assert.Equal(2, request.Personalizations.Count);
        Assert.Equal(["test"], request.Categories);
        foreach (var m in _sink.Messages)
        {
            var url = links.UrlFor(m.To.Email).AbsoluteUri;
            Assert.Equal("<" + url + ">", m.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", m.Headers["List-Unsubscribe-Post"]);
            Assert.Equal("Hi " + url, m.Text);
            Assert.Equal("7", m.CustomArgs["chunk"]);
        }
        Assert.NotEqual(_sink.Messages[0].Text, _sink.Messages[1].Text);
    }

    [Fact]
    public async Task Line_breaks_in_names_and_subjects_never_reach_headers()
    {
        var message = Message(new EmailRecipient("c@example.com", "Eve\r\nBcc: victim@example.com"))
            with { Subject = "Hi\r\nBcc: victim@example.com" };

        var result = await Sender.SendAsync(message, TestContext.Current.CancellationToken);

        // The sink refuses any line break in a header value, so Sent proves they were removed.
        Assert.True(result.IsSent, result.Error + string.Join(";", _sink.LastErrors));
        var sent = Assert.Single(_sink.Messages);
        Assert.Equal("Eve Bcc: victim@example.com", sent.To.Name);
        Assert.DoesNotContain('\n', sent.Subject);
        Assert.Empty(_sink.MessagesTo("victim@example.com"));
    }

    public static TheoryData<string, string, bool> Faults() => new()
    {
        { nameof(SinkFaultKind.RateLimited), nameof(EmailOutcome.RateLimited), false },
        { nameof(SinkFaultKind.ServerError), nameof(EmailOutcome.TransientFailure), false },
        { nameof(SinkFaultKind.Unavailable), nameof(EmailOutcome.TransientFailure), false },
        { nameof(SinkFaultKind.DropBeforeAccept), nameof(EmailOutcome.Unknown), false },
        { nameof(SinkFaultKind.DropAfterAccept), nameof(EmailOutcome.Unknown), true },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Reports_each_failure_for_what_it_is_without_retrying(string fault, string outcome, bool wentOut)
    {
        var expected = Enum.Parse<EmailOutcome>(outcome);
        var kind = Enum.Parse<SinkFaultKind>(fault);
        _sink.Enqueue(kind == SinkFaultKind.RateLimited ? SinkFault.RateLimited(TimeSpan.FromSeconds(7)) : new SinkFault(kind));

        var result = await Sender.SendAsync(Message(new EmailRecipient("d@example.com")), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(1, _sink.Attempts);
        Assert.Equal(wentOut ? 1 : 0, _sink.Requests.Count);
        if (kind == SinkFaultKind.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        }
    }

    [Fact]
    public async Task A_refused_request_is_a_permanent_failure()
    {
        var result = await Sender.SendAsync(Message([.. Enumerable.Range(0, 2).Select(_ => new EmailRecipient("same@example.com"))]),
            TestContext.Current.CancellationToken);
        Assert.Equal(EmailOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task Templates_escape_user_text_and_carry_the_footer()
    {
        var templates = _server.Services.GetRequiredService<EmailTemplates>();
        var email = await templates.RenderAsync("welcome", "Welcome",
            new Dictionary<string, object?> { ["name"] = "<script>alert(1)</script>" },
            unsubscribeUrl: "https://x.example/u?token=a.b", reason: "You subscribed.");

        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&lt;script&gt;", email.Html);
        Assert.Contains("href=\"https://x.example/u?token=a.b\"", email.Html);
        Assert.Contains("1 Test Street, Testville", email.Html);
        Assert.Contains("<script>alert(1)</script>", email.Text); // plain text is not HTML
        Assert.Contains("Unsubscribe with one click: https://x.example/u?token=a.b", email.Text);
        Assert.Contains("1 Test Street, Testville", email.Text);
    }

    [Fact]
    public async Task Transactional_mail_retries_what_did_not_go_out_and_logs_the_outcome()
    {
        var address = $"log-{Guid.NewGuid():N}@example.com";
        _sink.Enqueue(SinkFault.ServerError, SinkFault.RateLimited(TimeSpan.FromSeconds(1)));
        var mailer = _server.Services.GetRequiredService<TransactionalMailer>();

        var result = await mailer.SendAsync(Message(new EmailRecipient(address)) with { Kind = "welcome" },
            new DeliveryRecord("welcome", null!) { PostId = "p1" }, TestContext.Current.CancellationToken);

        Assert.True(result.IsSent);
        Assert.Equal(3, _sink.Attempts);
        Assert.Single(_sink.MessagesTo(address));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.GetAsync("api/moderation/deliveries", TestContext.Current.CancellationToken)).StatusCode);
        var page = await _server.Moderator.GetFromJsonAsync<JsonElement>(
            "api/moderation/deliveries?email=" + Uri.EscapeDataString(address.ToUpperInvariant()), TestContext.Current.CancellationToken);
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("sent", row.GetProperty("outcome").GetString());
        Assert.Equal("welcome", row.GetProperty("kind").GetString());
        Assert.Equal("p1", row.GetProperty("postId").GetString());
        Assert.Equal(result.MessageId, row.GetProperty("messageId").GetString());
        Assert.DoesNotContain(address, page.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }
}
