using System.Net;
using System.Net.Http.Json;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Newsletter;
using BlogFunctions.Tests.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>
/// Issue #17's delivery on the SelfHost: the request never waits for a receiver, a failed attempt
/// is retried under the same event id and logged, and newsletter events carry no address.
/// </summary>
[Collection(WebhookRig.Collection)]
public sealed class WebhookDeliveryTests(WebhookRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PublishAsync(string post, string body) =>
        (await new CommentApi(rig.Server).PostOkAsync(post, new { author = "Ed", body }, HttpStatusCode.Created))["id"]!.GetValue<string>();

    private static Func<ReceivedHook, bool> For(string commentId) =>
        h => h.Path == "json" && (string?)h.Json["data"]!["id"] == commentId;

    [Fact]
    public async Task A_500_is_retried_and_the_event_is_delivered_once_under_its_id_with_both_attempts_logged()
    {
        var post = TestIds.Post("whretry");
        rig.Receiver.AnswerNext(post, 500);
        var id = await PublishAsync(post, "Second time lucky.");

        var attempts = await rig.Receiver.WaitForAsync(For(id), count: 2);
        Assert.Equal(new[] { 500, 200 }, attempts.Select(a => a.Answered));
        var eventId = Assert.Single(attempts.Select(a => a.EventId).Distinct());
        Assert.All(attempts, a => Assert.True(a.SignedWith(WebhookRig.JsonSecret)));
        Assert.Equal(attempts[0].Body, attempts[1].Body); // the same event, only the signature's time is new
        // What a receiver deduping by id sees: one successful delivery.
        Assert.Single(rig.Receiver.Received, h => h.EventId == eventId && h.Answered == 200);

        // The log row follows the POST's answer.
        var rows = await rig.DeliveriesAsync(eventId);
        for (var i = 0; i < 50 && rows.Count < 2; i++)
        {
            await Task.Delay(100, Ct);
            rows = await rig.DeliveriesAsync(eventId);
        }
        Assert.Equal(new[] { "failed", "delivered" }, rows.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(new[] { 500, 200 }, rows.Select(r => r.GetProperty("statusCode").GetInt32()));
        Assert.Contains("HTTP 500", rows[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal(id, r.GetProperty("commentId").GetString()));
        await Task.Delay(1500, Ct);
        Assert.Equal(2, rig.Receiver.Received.Count(h => h.EventId == eventId));
    }

    [Fact]
    public async Task The_comment_post_returns_while_the_receiver_has_not_answered()
    {
        var arrived = rig.Receiver.Hold();
        string id;
        try
        {
            // The receiver answers nothing until released, and it is released only after the POST
            // returned. A POST that waited for it would return only when the attempt timed out.
            id = await PublishAsync(TestIds.Post("whfast"), "No waiting.").WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.DoesNotContain(rig.Receiver.Received, h => For(id)(h));
            await arrived.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the delivery is under way, and held
        }
        finally
        {
            rig.Receiver.Release();
        }
        var hook = (await rig.Receiver.WaitForAsync(For(id))).Single();
        Assert.Equal(200, hook.Answered);

        // That first attempt, held while the POST returned, is the one that delivered it: no timeout, no retry.
        var rows = await rig.DeliveriesAsync(hook.EventId);
        for (var i = 0; i < 50 && rows.Count == 0; i++)
        {
            await Task.Delay(100, Ct);
            rows = await rig.DeliveriesAsync(hook.EventId);
        }
        await Task.Delay(1500, Ct);
        Assert.Equal("delivered", Assert.Single(await rig.DeliveriesAsync(hook.EventId)).GetProperty("outcome").GetString());
        Assert.Single(rig.Receiver.Received, h => h.EventId == hook.EventId);
    }

    [Fact]
    public async Task A_confirmed_subscriber_and_a_sent_newsletter_are_events_without_the_address()
    {
        var email = $"sub-{Guid.NewGuid():N}@example.com";
        using (var subscribed = await rig.Server.Client.PostAsJsonAsync("api/subscriptions", new { email }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        }
        await rig.Sink.WaitForMessagesAsync(_ => rig.Sink.MessagesTo(email).Count >= 1, TimeSpan.FromSeconds(30));
        var link = SubscriptionHarness.Link(rig.Sink.MessagesTo(email)[0].Text!, "subscriptions/confirm");
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", SubscriptionHarness.Token(link))]);
        using (var confirmed = await rig.Server.Client.PostAsync("api/subscriptions/confirm", form, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var hash = rig.Server.Services.GetRequiredService<SubscriberKeys>().HashOf(email);
        var hook = (await rig.Receiver.WaitForAsync(h => h.EventType == "subscriber.confirmed"
            && (string?)h.Json["data"]!["subscriberHash"] == hash)).Single();
        Assert.True(hook.SignedWith(WebhookRig.JsonSecret));
        Assert.DoesNotContain(email, hook.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], hook.Body, StringComparison.OrdinalIgnoreCase);

        var key = await NewsletterTestHelpers.RegisterPostAsync(rig.Server);
        await NewsletterTestHelpers.RunAsync(rig.Server);
        await NewsletterTestHelpers.WaitForDoneAsync(rig.Server, key);
        var sent = (await rig.Receiver.WaitForAsync(h => h.EventType == "newsletter.sent" && (string?)h.Json["data"]!["postKey"] == key)).Single();
        var data = sent.Json["data"]!;
        Assert.Equal("Tight glutes and lower back pain", (string?)data["title"]);
        Assert.StartsWith("https://blog.example/", (string?)data["url"], StringComparison.Ordinal);
        Assert.True((int)data["recipients"]! >= 1);
        Assert.True(sent.SignedWith(WebhookRig.JsonSecret));
        Assert.DoesNotContain("@example.com", sent.Body, StringComparison.OrdinalIgnoreCase);
    }
}
