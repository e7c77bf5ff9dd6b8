using System.Net;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Subscriptions;
using static BlogFunctions.Tests.Newsletter.DigestTestHelpers;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// The weekly digest on the SelfHost, its queue steps taken by the pollers, its clock set by the
/// test (the digest hour is Monday 08:00 UTC, the default). Each test uses its own week, so the
/// delivery log (never reset) holds only that test's rows under its digest key.
/// (A sender dying mid-digest: WeeklyDigestCrashTests; through the Functions app: FunctionsHost/NewsletterOnFunctionsTests.)
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class WeeklyDigestTests(NewsletterRig stack) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Each_weekly_reader_gets_one_digest_of_the_posts_they_did_not_get_by_email_and_nobody_else_gets_one()
    {
        var digestAt = ThisMonday;
        var clock = new SettableClock(digestAt.AddDays(-6));
        await using var server = await stack.StartServerAsync(Polling, time: clock);
        var eachPost = await stack.SeedSubscriberAsync(server, "each");
        var weekly = await stack.SeedSubscriberAsync(server, "weekly", SubscriberCadence.Weekly, digestAt.AddDays(-30));
        var paused = await stack.SeedSubscriberAsync(server, "paused", SubscriberCadence.Paused);
        var switcher = await stack.SeedSubscriberAsync(server, "switcher");
        var returner = await stack.SeedSubscriberAsync(server, "returner", SubscriberCadence.Weekly, digestAt.AddDays(-30));

        var (firstId, secondId) = (TestIds.Post("wk1"), TestIds.Post("wk2"));
        var first = await RegisterPostAsync(server, firstId, clock.Now);
        await WaitForDoneAsync(stack, first);
        // Mid-week the switcher chooses the digest through the link in the post's email, and the returner goes back to each post.
        clock.Now = digestAt.AddDays(-5);
        await SwitchAsync(server, SubscriptionHarness.Link(stack.Sink.MessagesTo(switcher).Single().Text!, "subscriptions/preferences"), "weekly");
        await SwitchAsync(server, PreferencesPath(server, returner), "each");
        clock.Now = digestAt.AddDays(-4);
        var second = await RegisterPostAsync(server, secondId, clock.Now);
        await WaitForDoneAsync(stack, second);

        Assert.Equal([eachPost, switcher], CountsFor(stack.Sink, first).Keys.Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        Assert.Equal([eachPost, returner], CountsFor(stack.Sink, second).Keys.Order(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);

        clock.Now = digestAt.AddMinutes(2);
        await RunAsync(server);
        var digest = await stack.WaitForDigestAsync();
        Assert.Equal(WeeklyDigest.KeyFor(digestAt), digest.RowKey);

        var digests = DigestsIn(stack.Sink, digest.RowKey);
        Assert.Equal(3, digests.Count);
        var full = Assert.Single(digests[weekly]);
        Assert.Contains("https://blog.example/" + firstId, full.Text, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/" + secondId, full.Text, StringComparison.Ordinal);
        var partial = Assert.Single(digests[switcher]); // the first post reached the switcher by email
        Assert.DoesNotContain("https://blog.example/" + firstId, partial.Text, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/" + secondId, partial.Text, StringComparison.Ordinal);
        Assert.Equal("This week's post: Tight glutes and lower back pain", partial.Subject);
        var returned = Assert.Single(digests[returner]); // the second post reached the returner by email
        Assert.Contains("https://blog.example/" + firstId, returned.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://blog.example/" + secondId, returned.Text, StringComparison.Ordinal);
        Assert.Equal("This week's 2 posts", full.Subject);
        Assert.Equal(2, CountOf(full.Text!, "Read the post:"));
        Assert.Equal(1, CountOf(partial.Text!, "Read the post:"));
        Assert.StartsWith("<http", full.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Contains("api/subscriptions/preferences?token=", full.Html, StringComparison.Ordinal);
        Assert.Empty(stack.Sink.MessagesTo(paused));
        Assert.DoesNotContain(stack.Sink.MessagesTo(weekly), m => m.CustomArgs.GetValueOrDefault("postId") != digest.RowKey);
        Assert.All(await stack.DigestDeliveriesAsync(digest.RowKey), d => Assert.Equal("sent", d.Outcome));
        var listed = await server.Moderator.GetStringAsync($"api/moderation/deliveries?kind=newsletter-digest&postId={digest.RowKey}", Ct);
        Assert.Contains($"\"postTitle\":\"Weekly digest {digest.RowKey[7..]}\"", listed, StringComparison.Ordinal);

        // The hourly sync again, and the digest's plan and send steps redelivered: nothing more goes out.
        var requests = stack.Sink.Requests.Count;
        await RunAsync(server);
        await stack.SendStepAsync($$"""{"step":"plan","post":"{{digest.RowKey}}"}""");
        await stack.SendStepAsync($$"""{"step":"send","post":"{{digest.RowKey}}","chunk":0}""");
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.Equal(requests, stack.Sink.Requests.Count);
    }

    [Fact]
    public async Task A_week_without_posts_sends_no_digest()
    {
        var digestAt = ThisMonday.AddDays(-7);
        var clock = new SettableClock(digestAt.AddMinutes(5));
        await using var server = await stack.StartServerAsync(Polling, time: clock);
        await stack.SeedSubscriberAsync(server, "weekly", SubscriberCadence.Weekly, digestAt.AddDays(-30));
        await stack.SeedSentPostAsync(TestIds.Post("older"), digestAt.AddDays(-8)); // the week before: not this digest's

        await RunAsync(server);
        var digest = await stack.WaitForDigestAsync();

        Assert.Equal(0, digest.ChunkCount);
        Assert.Empty(stack.Sink.Requests);
        Assert.Empty(await stack.DigestDeliveriesAsync(digest.RowKey));
    }

    /// <summary>Chooses a cadence on the preference page, as the reader's browser posts it.</summary>
    private static async Task SwitchAsync(BlogServer server, string preferencesPath, string cadence)
    {
        using var content = new FormUrlEncodedContent([new("action", "cadence"), new("cadence", cadence)]);
        using var saved = await server.Client.PostAsync(preferencesPath, content, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static int CountOf(string text, string what) => text.Split(what).Length - 1;
}
