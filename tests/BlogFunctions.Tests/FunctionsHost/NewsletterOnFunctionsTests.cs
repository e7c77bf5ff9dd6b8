using System.Globalization;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Newsletter;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The newsletter through the Functions app: POST /api/posts, the timer fired as the host fires it
/// (an InvocationRequest for NewsletterTimer) and the moderator's run route only put steps on
/// newsletter-dispatch; the stand-in's queue listener delivers them to NewsletterQueue, and each
/// subscriber gets the post once. (The same on the SelfHost: Newsletter/QueuedNewsletterTests.)
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class NewsletterOnFunctionsTests(NewsletterRig stack) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_post_and_the_timer_invocation_send_each_subscriber_once_and_a_second_timer_sends_nothing()
    {
        await using var functions = await stack.StartFunctionsAsync(new Dictionary<string, string?> { ["Newsletter:ChunkSize"] = "200" });
        var emails = await stack.SeedSubscribersAsync(functions, 500);
        var key = await RegisterPostAsync(functions);

        // The timer syncs and plans every open post again: a second plan of the same post sends nothing twice.
        await functions.InvokeTimerAsync("NewsletterTimer", Ct);

        await WaitForDoneAsync(stack, key);
        AssertEachOnce(emails, key);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // any step still in flight finds the post done
        var requests = stack.Sink.Requests.Count;
        await functions.InvokeTimerAsync("NewsletterTimer", Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(requests, stack.Sink.Requests.Count);
        AssertEachOnce(emails, key);
    }

    [Fact]
    public async Task The_run_route_sends_through_the_worker()
    {
        await using var functions = await stack.StartFunctionsAsync();
        var emails = await stack.SeedSubscribersAsync(functions, 120);
        var key = await RegisterPostAsync(functions);

        var queued = await RunAsync(functions);
        Assert.Equal("sync", queued.GetProperty("queued").GetString());

        await WaitForDoneAsync(stack, key);
        AssertEachOnce(emails, key);
        var status = await StatusOfAsync(functions, key);
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(120, status.GetProperty("sentRecipients").GetInt32());
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(0, 0)]
    public async Task Chunks_go_to_the_planned_addresses_within_PlannerSendSeconds_and_are_re_read_after(int? budget, int leaverGets)
    {
        await using var functions = await stack.StartFunctionsAsync(PlannerSendCheck.Settings(budget));
        Assert.Equal(leaverGets, await PlannerSendCheck.RunAsync(stack, functions));
    }

    [Fact]
    public async Task An_instance_killed_while_a_chunk_is_in_flight_leaves_it_uncertain_and_the_next_finishes_each_email_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Newsletter:ChunkSize"] = "100",
            ["Newsletter:SendConcurrency"] = "1",
            ["Newsletter:ClaimTimeoutSeconds"] = "3",
            // The killed instance's messages come back to the next one after 5 s instead of 10 minutes.
            [QueueHostSettings.LeaseSetting] = "5",
        };
        var first = await stack.StartFunctionsAsync(settings);
        var emails = await stack.SeedSubscribersAsync(first, 250);
        stack.Sink.Enqueue(new Infrastructure.SinkFault(Infrastructure.SinkFaultKind.HoldAfterAccept));
        var key = await RegisterPostAsync(first);

        // SendGrid has the first chunk's request and has not answered: the instance dies now.
        await stack.Sink.Holding.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        first.KillWorker();
        await first.DisposeAsync();
        stack.Sink.ReleaseHeld();

        await using var second = await stack.StartFunctionsAsync(settings);
        await WaitForDoneAsync(stack, key);

        // The held request was accepted, so its recipients have the post once; nobody has it twice.
        AssertEachOnce(emails, key);
        var status = await StatusOfAsync(second, key);
        Assert.Equal(1, status.GetProperty("chunks").GetProperty("uncertain").GetInt32());
        Assert.Equal(2, status.GetProperty("chunks").GetProperty("sent").GetInt32());
        var problem = Assert.Single(status.GetProperty("problems").EnumerateArray());
        Assert.Equal("uncertain", problem.GetProperty("state").GetString());
        Assert.NotNull(problem.GetProperty("resend").GetString());
    }

    [Fact]
    public async Task The_timer_queues_the_weekly_digest_and_the_worker_sends_it_once()
    {
        // The worker runs on the real clock: the digest hour is made the current one.
        var now = DateTimeOffset.UtcNow;
        var digestAt = WeeklyDigest.Latest(now, now.DayOfWeek, now.Hour);
        await using var functions = await stack.StartFunctionsAsync(new Dictionary<string, string?>
        {
            ["Newsletter:DigestDay"] = now.DayOfWeek.ToString(),
            ["Newsletter:DigestHour"] = now.Hour.ToString(CultureInfo.InvariantCulture),
        });
        var weekly = await stack.SeedSubscriberAsync(functions, "weekly", SubscriberCadence.Weekly, digestAt.AddHours(-2));
        var eachPost = await stack.SeedSubscriberAsync(functions, "each");
        var id = TestIds.Post("fn");
        await stack.SeedSentPostAsync(id, digestAt.AddHours(-1));

        await functions.InvokeTimerAsync("NewsletterTimer", Ct);
        var digest = await stack.WaitForDigestAsync();

        var message = Assert.Single(stack.Sink.MessagesTo(weekly));
        Assert.Equal(digest.RowKey, message.CustomArgs["postId"]);
        Assert.Contains("https://blog.example/" + id, message.Text, StringComparison.Ordinal);
        Assert.Contains("api/subscriptions/preferences?token=", message.Text, StringComparison.Ordinal);
        Assert.Empty(stack.Sink.MessagesTo(eachPost));
        var requests = stack.Sink.Requests.Count;
        await functions.InvokeTimerAsync("NewsletterTimer", Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(requests, stack.Sink.Requests.Count);
    }

    private void AssertEachOnce(List<string> emails, string key)
    {
        var counts = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count, counts.Count);
        Assert.All(emails, e => Assert.Equal(1, counts.GetValueOrDefault(e)));
    }
}
