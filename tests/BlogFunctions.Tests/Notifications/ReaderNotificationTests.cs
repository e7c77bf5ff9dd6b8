using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// Issue #16's reader notifications on the SelfHost, end to end: the comment form's notify choice,
/// the confirmation email, approvals batched into one email, the links in it, and everything that
/// must never send anything. (The same path on the Functions app: FunctionsHost/NotificationsOnFunctionsTests.)
/// </summary>
public sealed class ReaderNotificationTests(NotificationRig rig) : IClassFixture<NotificationRig>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NotificationFlow Flow => rig.Flow;

    /// <summary>Long enough for a batch that would have been sent to arrive.</summary>
    private static Task QuietPeriodAsync() => Task.Delay(TimeSpan.FromSeconds(NotificationRig.DelaySeconds + 4), Ct);

    [Fact]
    public async Task Three_replies_approved_within_the_delay_become_one_email_after_the_live_one()
    {
        var post = TestIds.Post("nreply");
        var ann = NotificationFlow.NewEmail("ann");
        var parent = await Flow.PostAsync(post, "Ann", ann, "Parent comment", notify: "replies");
        await Flow.ConfirmAsync(ann);
        await Flow.ModerateAsync(post, parent);
        var live = (await Flow.WaitForAsync(ann, 2))[^1];
        Assert.Equal("Your comment is live on Glute Notes", live.Subject);
        Assert.Contains("Parent comment", live.Text);

        var replies = new List<string>();
        var repliers = new List<string>();
        foreach (var (who, body) in new[] { ("Bob", "First <b>reply</b>"), ("Cy", "Second reply"), ("Di", "Third reply") })
        {
            repliers.Add(NotificationFlow.NewEmail(who));
            replies.Add(await Flow.PostAsync(post, who, repliers[^1], body, parentId: parent));
        }
        foreach (var id in replies) // back to back: the batch window opens at the first approval
        {
            await Flow.ModerateAsync(post, id);
        }
        var mail = (await Flow.WaitForAsync(ann, 3))[^1];
        await QuietPeriodAsync();
        Assert.Equal(3, Flow.To(ann).Count);
        Assert.Equal("3 new comments for you on Glute Notes", mail.Subject);
        foreach (var (id, text) in replies.Zip(new[] { "First <b>reply</b>", "Second reply", "Third reply" }))
        {
            Assert.Contains(text, mail.Text); // plain text as typed
            Assert.Contains($"https://blog.example/posts/{post}#comment-{id}", mail.Text);
        }
        Assert.Contains("First &lt;b&gt;reply&lt;/b&gt;", mail.Html); // escaped in the HTML part
        Assert.Contains("Bob replied to your comment", mail.Text);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("api/notifications/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.All(repliers, r => Assert.DoesNotContain(r, mail.Html + mail.Text, StringComparison.OrdinalIgnoreCase)); // repliers' addresses stay private

        // The thread's own link ends replies to this comment: the next approved reply sends nothing.
        var thread = NotificationFlow.Links(mail.Text!, "unsubscribe")[0];
        using (var page = await rig.Server.Client.GetAsync(thread, Ct))
        {
            Assert.Contains("no more emails about this conversation", await page.Content.ReadAsStringAsync(Ct));
        }
        await Flow.OneClickAsync(thread);
        var zoe = await FollowerAsync(post);
        var late = await Flow.PostAsync(post, "Eve", NotificationFlow.NewEmail("eve"), "A reply after unsubscribing", parentId: parent);
        await Flow.ModerateAsync(post, late);
        // The follower hears of it, so the fan-out ran; Ann, who unsubscribed from the thread, does not.
        Assert.Contains("A reply after unsubscribing", (await Flow.WaitForAsync(zoe, 3))[2].Text);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(3, Flow.To(ann).Count);
    }

    [Fact]
    public async Task Self_replies_spam_held_and_rejected_replies_never_notify()
    {
        var post = TestIds.Post("nquiet");
        var ann = NotificationFlow.NewEmail("ann");
        var parent = await Flow.PostAsync(post, "Ann", ann, "Parent", notify: "replies");
        await Flow.ConfirmAsync(ann);
        await Flow.ModerateAsync(post, parent);
        await Flow.WaitForAsync(ann, 2); // confirmation, live

        var self = await Flow.PostAsync(post, "Ann", ann.ToUpperInvariant(), "Answering myself", parentId: parent);
        await Flow.ModerateAsync(post, self);
        await Flow.PostAsync(post, "Bot", NotificationFlow.NewEmail("bot"), "Spam reply", parentId: parent, extra: new { homepage = "http://spam.example" });
        await Flow.PostAsync(post, "Held", NotificationFlow.NewEmail("held"), "Held reply", parentId: parent);
        var rejected = await Flow.PostAsync(post, "Rej", NotificationFlow.NewEmail("rej"), "Rejected reply", parentId: parent);
        await Flow.ModerateAsync(post, rejected, "reject");
        var spam = await Flow.PostAsync(post, "Spam", NotificationFlow.NewEmail("spam"), "Marked spam", parentId: parent);
        await Flow.ModerateAsync(post, spam, "spam");
        var legit = await Flow.PostAsync(post, "Kim", NotificationFlow.NewEmail("kim"), "The one reply that counts", parentId: parent);
        await Flow.ModerateAsync(post, legit);

        // The control: the one approved reply by someone else arrives, alone in its email.
        var mail = (await Flow.WaitForAsync(ann, 3))[2];
        await QuietPeriodAsync();
        Assert.Equal(3, Flow.To(ann).Count);
        Assert.Equal("New reply to your comment on Glute Notes", mail.Subject);
        foreach (var never in new[] { "Answering myself", "Spam reply", "Held reply", "Rejected reply", "Marked spam" })
        {
            Assert.DoesNotContain(never, mail.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unverified_address_gets_only_one_confirmation()
    {
        var post = TestIds.Post("nunver");
        var bea = NotificationFlow.NewEmail("bea");
        var first = await Flow.PostAsync(post, "Bea", bea, "Following this post", notify: "post");
        await Flow.PostAsync(post, "Bea", bea, "Asking again", notify: "replies");
        await Flow.ModerateAsync(post, first);
        var other = await Flow.PostAsync(post, "Cy", NotificationFlow.NewEmail("cy"), "Someone else's comment");
        await Flow.ModerateAsync(post, other);
        await Flow.WaitForAsync(bea, 1);
        await QuietPeriodAsync();
        var only = Assert.Single(Flow.To(bea));
        Assert.StartsWith("Confirm your address", only.Subject, StringComparison.Ordinal);
        // Nothing a commenter typed reaches an address nobody has verified.
        Assert.DoesNotContain("Following this post", only.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bea", only.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(post, only.Text, StringComparison.Ordinal);

        // The control: once confirmed, the next approval arrives, and only it: nothing was kept back.
        await Flow.ConfirmAsync(bea);
        var after = await Flow.PostAsync(post, "Dan", NotificationFlow.NewEmail("dan"), "After the confirmation");
        await Flow.ModerateAsync(post, after);
        var mail = (await Flow.WaitForAsync(bea, 2))[1];
        Assert.Contains("After the confirmation", mail.Text);
        Assert.DoesNotContain("Someone else's comment", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_hears_of_every_newly_approved_comment_but_their_own()
    {
        var post = TestIds.Post("nfollow");
        var fay = NotificationFlow.NewEmail("fay");
        var mine = await Flow.PostAsync(post, "Fay", fay, "I follow this", notify: "post");
        await Flow.ConfirmAsync(fay);
        await Flow.ModerateAsync(post, mine);
        await Flow.WaitForAsync(fay, 2); // confirmation, live
        var second = await Flow.PostAsync(post, "Fay", fay, "My second comment");
        await Flow.ModerateAsync(post, second);
        var other = await Flow.PostAsync(post, "Gus", NotificationFlow.NewEmail("gus"), "Gus has a say");
        await Flow.ModerateAsync(post, other);
        var mail = (await Flow.WaitForAsync(fay, 3))[^1];
        await QuietPeriodAsync();
        Assert.Equal(3, Flow.To(fay).Count);
        Assert.Equal("New comment on a post you follow on Glute Notes", mail.Subject);
        Assert.Contains("Gus has a say", mail.Text);
        Assert.DoesNotContain("My second comment", mail.Text);
        Assert.Contains("Stop following this post", mail.Text);
    }

    [Fact]
    public async Task Bad_notify_values_are_refused_and_store_nothing()
    {
        var api = new Comments.CommentApi(rig.Server);
        var post = TestIds.Post("nbad");
        await Comments.CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "Ann", body = "x", notify = "replies" }),
            HttpStatusCode.BadRequest, "notify_requires_email");
        await Comments.CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "Ann", body = "x", email = "a@example.com", notify = "daily" }),
            HttpStatusCode.BadRequest, "invalid_notify");
        var view = await rig.Server.Moderator.GetFromJsonAsync<JsonElement>("api/moderation/notifications?email=a@example.com", Ct);
        Assert.Empty(view.GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task Links_with_a_forged_or_altered_token_change_nothing()
    {
        foreach (var path in new[] { "api/notifications/confirm?token=forged", "api/notifications/unsubscribe?token=x.y" })
        {
            using var page = await rig.Server.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
            using var post = await rig.Server.Client.PostAsync(path, form, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
    }

    [Fact]
    public async Task A_comment_published_at_once_notifies_through_its_projection()
    {
        var post = TestIds.Post("nauto");
        var ann = NotificationFlow.NewEmail("ann");
        var parent = await Flow.PostAsync(post, "Ann", ann, "Parent", notify: "replies");
        await Flow.ConfirmAsync(ann);
        await Flow.ModerateAsync(post, parent);
        await Flow.WaitForAsync(ann, 2);

        // A returning author's authorToken publishes their next comment at once (201): no moderator
        // approves it, so the projection is what queues its notification.
        var api = new Comments.CommentApi(rig.Server);
        var bob = NotificationFlow.NewEmail("bob");
        var first = await api.PostOkAsync(post, new { author = "Bob", email = bob, body = "Held first", parentId = parent }, HttpStatusCode.Accepted);
        await Flow.ModerateAsync(post, first["id"]!.GetValue<string>());
        await Flow.WaitForAsync(ann, 3);
        await api.PostOkAsync(post, new { author = "Bob", email = bob, body = "Published at once", parentId = parent,
            authorToken = first["authorToken"]!.GetValue<string>() }, HttpStatusCode.Created);
        var mail = (await Flow.WaitForAsync(ann, 4))[3];
        Assert.Contains("Published at once", mail.Text);
    }

    [Fact]
    public async Task The_moderator_sees_an_address_and_erasure_removes_every_row_of_it()
    {
        var post = TestIds.Post("nerase");
        var hal = NotificationFlow.NewEmail("hal");
        var id = await Flow.PostAsync(post, "Hal", hal, "Following", notify: "post");
        await Flow.ConfirmAsync(hal);
        await Flow.ModerateAsync(post, id);
        await Flow.WaitForAsync(hal, 2);

        var view = await ViewAsync(hal);
        Assert.True(view.GetProperty("verified").GetBoolean());
        var subscription = Assert.Single(view.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("post", subscription.GetProperty("kind").GetString());
        Assert.Equal(post, subscription.GetProperty("postId").GetString());
        Assert.Equal(["notification", "notification-confirm"],
            view.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).Order().ToList());
        Assert.Equal("sent", Assert.Single(view.GetProperty("batches").EnumerateArray()).GetProperty("state").GetString());

        using var erase = await rig.Server.Moderator.PostAsJsonAsync("api/moderation/erase", new { email = hal }, Ct);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.True((await erase.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("otherRowsErased").GetInt32() >= 4);
        view = await ViewAsync(hal);
        Assert.False(view.GetProperty("verified").GetBoolean());
        Assert.Empty(view.GetProperty("subscriptions").EnumerateArray());
        Assert.Empty(view.GetProperty("batches").EnumerateArray());

        var zoe = await FollowerAsync(post);
        var other = await Flow.PostAsync(post, "Ivy", NotificationFlow.NewEmail("ivy"), "After the erasure");
        await Flow.ModerateAsync(post, other);
        Assert.Contains("After the erasure", (await Flow.WaitForAsync(zoe, 3))[2].Text);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(2, Flow.To(hal).Count);
    }

    /// <summary>A confirmed follower of the post whose comment is approved (their confirmation and "live" emails are in): a control recipient.</summary>
    private async Task<string> FollowerAsync(string post)
    {
        var zoe = NotificationFlow.NewEmail("zoe");
        var id = await Flow.PostAsync(post, "Zoe", zoe, "Zoe follows", notify: "post");
        await Flow.ConfirmAsync(zoe);
        await Flow.ModerateAsync(post, id);
        await Flow.WaitForAsync(zoe, 2);
        return zoe;
    }

    private async Task<JsonElement> ViewAsync(string email) =>
        await rig.Server.Moderator.GetFromJsonAsync<JsonElement>("api/moderation/notifications?email=" + Uri.EscapeDataString(email), Ct);
}
