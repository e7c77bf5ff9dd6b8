using System.Net;
using System.Text.Json;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>Held comments → one digest email per moderator, exactly once, through the real SelfHost and the SendGrid sink.</summary>
public sealed class ModeratorDigestTests(ModeratorEmailRig rig) : IClassFixture<ModeratorEmailRig>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await rig.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_held_comment_reaches_every_moderator_once_after_the_window()
    {
        var post = TestIds.Post("digest");
        var id = await rig.HoldAsync(post, "Squats <b>hurt</b> my back & *why*?", author: "Ann <script>");

        rig.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("nothing", (await rig.Job.RunOnceAsync(Ct)).Outcome); // within the grace: a write may be in flight
        rig.Time.Advance(ModeratorEmailRig.Grace);
        Assert.Equal("waiting", (await rig.Job.RunOnceAsync(Ct)).Outcome); // a second comment may still join
        Assert.Empty(rig.Sink.Requests);

        var run = await rig.RunAfterWindowAsync();
        Assert.Equal("sent", run.Outcome);
        var request = Assert.Single(rig.Sink.Requests);
        Assert.Equal(["moderation"], request.Categories);
        var messages = rig.Sink.Messages;
        Assert.Equal(2, messages.Count); // the duplicate address in NotifyEmails gets no second copy
        Assert.Single(rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA));
        Assert.Single(rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorB));
        var mail = messages[0];
        Assert.Equal("1 comment waiting on Glute Notes", mail.Subject);
        Assert.Contains("Squats &lt;b&gt;hurt&lt;/b&gt; my back &amp; *why*?", mail.Html);
        Assert.DoesNotContain("<b>hurt</b>", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("Squats <b>hurt</b> my back & *why*?", mail.Text);
        Assert.Contains($"https://blog.example/posts/{post}", mail.Text);
        Assert.Contains("Held because: first_time", mail.Text);
        Assert.Equal(3, ModeratorEmailRig.LinksIn(mail.Text!).Count);
        // Moderators are not subscribers: the footer says why they got it, with no empty unsubscribe line.
        Assert.Contains("Moderation:NotifyEmails", mail.Text);
        Assert.DoesNotContain("Unsubscribe", mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Unsubscribe", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pending", await rig.StatusAsync(post, id));

        // Nothing new: the next runs send nothing.
        Assert.Equal("nothing", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Single(rig.Sink.Requests);

        var logged = (await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorB))[0];
        Assert.Equal("sent", logged.GetProperty("outcome").GetString());
        Assert.Equal(run.BatchId, logged.GetProperty("chunk").GetString());
        Assert.Equal(request.MessageId, logged.GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task Five_comments_held_within_a_minute_go_out_as_one_email()
    {
        var post = TestIds.Post("five");
        for (var i = 1; i <= 5; i++)
        {
            await rig.HoldAsync(post, $"Comment number {i} about glute bridges");
            rig.Time.Advance(TimeSpan.FromSeconds(9));
        }
        Assert.Equal("sent", (await rig.RunAfterWindowAsync()).Outcome);

        var request = Assert.Single(rig.Sink.Requests);
        Assert.Equal(2, request.Personalizations.Count);
        var mail = rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA).Single();
        Assert.Equal("5 comments waiting on Glute Notes", mail.Subject);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"Comment number {i} about glute bridges", mail.Html);
        }
        Assert.Equal(15, ModeratorEmailRig.LinksIn(mail.Text!).Distinct().Count());
    }

    [Fact]
    public async Task Comments_moderated_before_the_digest_are_left_out()
    {
        var post = TestIds.Post("gone");
        var early = await rig.HoldAsync(post, "Moderated before the email");
        var late = await rig.HoldAsync(post, "Still waiting for a moderator");
        using (var approved = await rig.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{early}/approve", UriKind.Relative), null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        Assert.Equal("sent", (await rig.RunAfterWindowAsync()).Outcome);
        var mail = rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA).Single();
        Assert.Equal("1 comment waiting on Glute Notes", mail.Subject);
        Assert.Contains("Still waiting for a moderator", mail.Html);
        Assert.DoesNotContain("Moderated before the email", mail.Html);
        _ = late;

        // All of a batch moderated in time: no email at all.
        var only = await rig.HoldAsync(post, "Approved in time");
        using (await rig.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{only}/reject", UriKind.Relative), null, Ct)) { }
        Assert.Equal("moderated", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Single(rig.Sink.Requests);
    }

    [Fact]
    public async Task Comments_screened_as_spam_are_never_emailed()
    {
        var post = TestIds.Post("spam");
        var api = rig.Comments();
        // The honeypot field: answered like a held comment, filed as spam.
        var answer = await api.PostOkAsync(post, new { author = "Bot", body = "Cheap pills http://spam.example", homepage = "http://spam.example" }, HttpStatusCode.Accepted);
        Assert.Equal("spam", await rig.StatusAsync(post, answer["id"]!.GetValue<string>()));
        Assert.Equal("nothing", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Empty(rig.Sink.Requests);
    }

    [Fact]
    public async Task Concurrent_runs_send_one_email()
    {
        await rig.HoldAsync(TestIds.Post("race"), "Posted once, emailed once");
        rig.Time.Advance(ModeratorEmailRig.Window + ModeratorEmailRig.Grace + TimeSpan.FromSeconds(1));
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => rig.Job.RunOnceAsync(Ct))));
        Assert.Single(runs, r => r.Outcome == "sent");
        Assert.Single(rig.Sink.Requests);
        Assert.Equal("nothing", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Single(rig.Sink.Requests);
    }

    [Theory]
    [InlineData("server-error")]
    [InlineData("rate-limited")]
    public async Task A_refused_send_is_logged_and_sent_by_the_next_run(string fault)
    {
        await rig.HoldAsync(TestIds.Post("retry"), "Worth another try");
        rig.Sink.Enqueue(fault == "server-error" ? SinkFault.ServerError : SinkFault.RateLimited(TimeSpan.FromSeconds(1)));
        Assert.Equal("failed", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Empty(rig.Sink.Requests);
        Assert.Equal(1, rig.Sink.Faulted);
        var failed = (await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorA))[0];
        Assert.Equal(fault == "server-error" ? "failed_transient" : "rate_limited", failed.GetProperty("outcome").GetString());

        Assert.Equal("sent", (await rig.RunAfterWindowAsync()).Outcome);
        var mail = Assert.Single(rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA));
        Assert.Contains("Worth another try", mail.Html);
        Assert.Equal("sent", (await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorA))[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_run_that_dies_after_its_claim_is_reported_uncertain_and_not_resent()
    {
        await rig.HoldAsync(TestIds.Post("crash"), "Claimed, then the process died");
        rig.Faults.Throw = SendFaults.Claimed;
        await Assert.ThrowsAsync<InvalidOperationException>(() => rig.RunAfterWindowAsync());
        rig.Faults.Throw = null;

        // Within the claim timeout another run cannot tell a dead sender from a slow one: it waits.
        Assert.Equal("busy", (await rig.RunAfterWindowAsync()).Outcome);
        rig.Time.Advance(ModerationDigestJob.ClaimTimeout);
        Assert.Equal("nothing", (await rig.Job.RunOnceAsync(Ct)).Outcome);
        Assert.Empty(rig.Sink.Requests);
        var uncertain = (await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorA))[0];
        Assert.Equal("uncertain", uncertain.GetProperty("outcome").GetString());
        Assert.Contains("did not finish", uncertain.GetProperty("error").GetString());

        // Newer held comments still get their digest, without the uncertain one.
        await rig.HoldAsync(TestIds.Post("crash"), "After the crash");
        Assert.Equal("sent", (await rig.RunAfterWindowAsync()).Outcome);
        var mail = Assert.Single(rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA));
        Assert.Contains("After the crash", mail.Html);
        Assert.DoesNotContain("Claimed, then the process died", mail.Html);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_request_left_is_uncertain_and_not_resent()
    {
        var post = TestIds.Post("dropped");
        await rig.HoldAsync(post, "SendGrid took it, the answer got lost");
        rig.Sink.Enqueue(SinkFault.DropAfterAccept);
        Assert.Equal("uncertain", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Single(rig.Sink.Requests); // it did reach SendGrid

        var logged = (await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorA))[0];
        Assert.Equal("uncertain", logged.GetProperty("outcome").GetString());
        // The next runs do not send it again: a moderator may already have it.
        Assert.Equal("nothing", (await rig.RunAfterWindowAsync()).Outcome);
        Assert.Single(rig.Sink.Requests);
    }

    [Fact]
    public async Task The_deliveries_route_lists_digest_rows_for_moderators_only()
    {
        using var anonymous = await rig.Server.Client.GetAsync("api/moderation/deliveries?kind=moderation", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var rows = await rig.DeliveriesAsync(ModeratorEmailRig.ModeratorA);
        Assert.All(rows, r => Assert.Equal("moderation", r.GetProperty("kind").GetString()));
        Assert.DoesNotContain(ModeratorEmailRig.ModeratorA, JsonSerializer.Serialize(rows), StringComparison.OrdinalIgnoreCase);
    }
}
