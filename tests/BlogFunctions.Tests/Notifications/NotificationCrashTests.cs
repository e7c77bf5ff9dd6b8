using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Notifications;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.ModeratorEmail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// The notification email's crash points on the send engine (<see cref="SendFaults"/>): the
/// SelfHost's pollers are off and the test delivers each queue message itself, so it can let a
/// handler die at a named point, move the clock past the claim timeout and deliver the message
/// again, as the queue would. Each notification goes out at most once, and a death between claim
/// and send is reported as uncertain in the delivery log, never resent blindly.
/// </summary>
public sealed class NotificationCrashTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AzuriteProcess _azurite = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SwitchableFaults _faults = new();
    private SendGridSink _sink = null!;
    private BlogServer _server = null!;
    private QueueClient _queue = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _sink = await SendGridSink.StartAsync();
        var settings = _sink.Settings();
        settings["Notifications:DelaySeconds"] = "0";
        settings["SelfHost:QueuePollers"] = "false";
        _server = await BlogServer.StartAsync(_azurite.ConnectionString, settings, b =>
        {
            b.Services.AddSingleton<TimeProvider>(_time);
            b.Services.AddSingleton<SendFaults>(_faults);
        });
        _queue = new QueueClient(_azurite.ConnectionString, WorkQueues.Notifications, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>Delivers every visible message once; a handler that throws leaves its message for the next delivery. Returns the failures.</summary>
    private async Task<int> DeliverAsync()
    {
        var work = _server.Services.GetServices<IQueueWork>().Single(w => w.Queue == WorkQueues.Notifications);
        var failed = 0;
        for (var round = 0; round < 20; round++)
        {
            var messages = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1), Ct)).Value;
            if (messages.Length == 0)
            {
                return failed;
            }
            foreach (var m in messages)
            {
                try
                {
                    await work.HandleAsync(m.Body.ToString(), Ct);
                    await _queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, Ct);
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("injected crash", StringComparison.Ordinal))
                {
                    failed++;
                    await _queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: Ct);
                    return failed; // the process is dead: nothing else runs until the next delivery
                }
            }
        }
        return failed;
    }

    /// <summary>A verified reader whose comment has one approved reply waiting in the queue; returns their address.</summary>
    private async Task<string> ReplyWaitingAsync(string post)
    {
        var flow = new NotificationFlow(_server, _sink);
        var ann = NotificationFlow.NewEmail("ann");
        var parent = await flow.PostAsync(post, "Ann", ann, "Parent", notify: "replies");
        await DeliverAsync();
        await flow.ConfirmAsync(ann);
        await flow.ModerateAsync(post, parent);
        await DeliverAsync(); // the parent's "live" email
        var reply = await flow.PostAsync(post, "Bob", NotificationFlow.NewEmail("bob"), "The reply", parentId: parent);
        await flow.ModerateAsync(post, reply);
        _sink.Reset();
        return ann;
    }

    [Theory]
    [InlineData(SendFaults.Claimed, 0, "uncertain")]
    [InlineData(SendFaults.Sent, 1, "uncertain")]
    [InlineData(SendFaults.Recorded, 1, "sent")]
    public async Task A_crash_at_each_point_never_sends_twice_and_leaves_a_delivery_row(string point, int emails, string outcome)
    {
        var ann = await ReplyWaitingAsync(TestIds.Post("ncrash"));
        _time.Advance(TimeSpan.FromSeconds(1)); // the delivery log orders by time
        _faults.Throw = point;
        Assert.Equal(1, await DeliverAsync());
        _faults.Throw = null;
        _time.Advance(TimeSpan.FromMinutes(6)); // past the claim timeout: the claim's run is taken for dead
        Assert.Equal(0, await DeliverAsync());

        Assert.Equal(emails, _sink.MessagesTo(ann).Count);
        var log = await _server.Moderator.GetFromJsonAsync<JsonElement>(
            "api/moderation/deliveries?kind=notification&email=" + Uri.EscapeDataString(ann), Ct);
        var rows = log.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        // Newest first: this batch's one row, then the parent's "live" email sent before the crash.
        Assert.Equal([outcome, "sent"], rows);
    }

    [Fact]
    public async Task A_redelivered_approval_adds_nothing_to_a_sent_batch()
    {
        var post = TestIds.Post("nredeliver");
        var ann = await ReplyWaitingAsync(post);
        var received = (await _queue.PeekMessagesAsync(32, Ct)).Value.Select(m => m.Body.ToString()).ToList();
        await DeliverAsync();
        Assert.Single(_sink.MessagesTo(ann));
        foreach (var body in received)
        {
            await _queue.SendMessageAsync(body, Ct); // the same messages again, as an at-least-once queue may deliver them
        }
        await DeliverAsync();
        Assert.Single(_sink.MessagesTo(ann));
    }

    [Fact]
    public async Task A_batch_whose_send_message_was_lost_is_sent_when_the_next_notification_comes()
    {
        var post = TestIds.Post("nlost");
        var ann = await ReplyWaitingAsync(post);
        var work = _server.Services.GetServices<IQueueWork>().Single(w => w.Queue == WorkQueues.Notifications);
        var published = Assert.Single((await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value);
        await work.HandleAsync(published.Body.ToString(), Ct);
        await _queue.DeleteMessageAsync(published.MessageId, published.PopReceipt, Ct);
        // The batch's send message is lost (poisoned, or the queue dropped it): the batch stays ready.
        var send = Assert.Single((await _queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value);
        await _queue.DeleteMessageAsync(send.MessageId, send.PopReceipt, Ct);

        _time.Advance(TimeSpan.FromMinutes(6)); // longer than the batching delay and a claim's timeout
        var flow = new NotificationFlow(_server, _sink);
        var next = await flow.PostAsync(post, "Cy", NotificationFlow.NewEmail("cy"), "The next reply", parentId: (await ParentOfAsync(post)));
        await flow.ModerateAsync(post, next);
        await DeliverAsync();

        var mails = _sink.MessagesTo(ann);
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.Text!.Contains("The reply", StringComparison.Ordinal) && !m.Text.Contains("The next reply", StringComparison.Ordinal));
        Assert.Single(mails, m => m.Text!.Contains("The next reply", StringComparison.Ordinal));
    }

    private async Task<string> ParentOfAsync(string post)
    {
        var page = await _server.Client.GetFromJsonAsync<JsonElement>($"api/posts/{post}/comments", Ct);
        return page.GetProperty("comments").EnumerateArray().First(c => c.GetProperty("parentId").ValueKind == JsonValueKind.Null)
            .GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_confirmation_whose_sender_died_after_its_claim_is_reported_uncertain_and_a_later_sign_up_sends_one()
    {
        var post = TestIds.Post("nconfirm");
        var flow = new NotificationFlow(_server, _sink);
        var bea = NotificationFlow.NewEmail("bea");
        await flow.PostAsync(post, "Bea", bea, "Sign me up", notify: "post");
        _faults.Throw = SendFaults.Claimed;
        Assert.Equal(1, await DeliverAsync());
        _faults.Throw = null;
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, await DeliverAsync());
        Assert.Empty(_sink.MessagesTo(bea));
        var log = await _server.Moderator.GetFromJsonAsync<JsonElement>(
            "api/moderation/deliveries?kind=notification-confirm&email=" + Uri.EscapeDataString(bea), Ct);
        Assert.Equal("uncertain", Assert.Single(log.GetProperty("items").EnumerateArray()).GetProperty("outcome").GetString());

        _time.Advance(TimeSpan.FromMinutes(5)); // past the 10 minutes since the claim
        await flow.PostAsync(post, "Bea", bea, "Asking again", notify: "post");
        await DeliverAsync();
        Assert.StartsWith("Confirm your address", Assert.Single(_sink.MessagesTo(bea)).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_whose_address_row_changed_while_it_was_sent_still_clears_its_claim()
    {
        var post = TestIds.Post("nconfirm412");
        var flow = new NotificationFlow(_server, _sink);
        var cy = NotificationFlow.NewEmail("cy");
        await flow.PostAsync(post, "Cy", cy, "Sign me up", notify: "post");
        // While the email is with SendGrid, the owner opts out of everything (another request
        // writes the address row), so the claim's recorded outcome no longer matches its ETag.
        var store = _server.Services.GetRequiredService<NotifyStore>();
        var hash = _server.Services.GetRequiredService<Signer>().EmailHash(cy);
        _faults.Meanwhile = p =>
        {
            if (p == SendFaults.Sent)
            {
                store.OptOutAsync(hash, _time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
            }
        };
        await DeliverAsync();
        _faults.Meanwhile = null;
        Assert.Single(_sink.MessagesTo(cy));
        Assert.Null((await store.AddressAsync(hash, Ct))!.ConfirmationClaimedAt);

        // A week later they sign up again: the confirmation goes out, and nothing is reported uncertain.
        _time.Advance(ConfirmationSender.IntervalAfterOptOut + TimeSpan.FromMinutes(1));
        await flow.PostAsync(post, "Cy", cy, "Back again", notify: "post");
        await DeliverAsync();
        Assert.Equal(2, _sink.MessagesTo(cy).Count);
        var log = await _server.Moderator.GetFromJsonAsync<JsonElement>(
            "api/moderation/deliveries?kind=notification-confirm&email=" + Uri.EscapeDataString(cy), Ct);
        Assert.All(log.GetProperty("items").EnumerateArray(), r => Assert.Equal("sent", r.GetProperty("outcome").GetString()));
    }
}
