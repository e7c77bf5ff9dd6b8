using System.Net;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.Newsletter.DigestTestHelpers;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// A weekly digest whose sender dies (the SelfHost's pollers, the test's clock): never sent twice,
/// and a death between claim and send leaves the chunk uncertain, logged, and resent only by a moderator.
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class WeeklyDigestCrashTests(NewsletterRig stack) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(SendFaults.Claimed, 14)]
    [InlineData(SendFaults.Recorded, 21)]
    public async Task A_digest_sender_that_dies_sends_each_digest_at_most_once(string point, int weeksBackInDays)
    {
        var digestAt = ThisMonday.AddDays(-weeksBackInDays);
        var clock = new SettableClock(digestAt.AddMinutes(5));
        var faults = new TestFaults();
        var died = 0;
        faults.OnPoint = p =>
        {
            if (p == point && Interlocked.Increment(ref died) == 1)
            {
                clock.Now += TimeSpan.FromMinutes(1); // the claim is stale by the time the message comes back
                throw new SimulatedCrashException(p);
            }
        };
        await using var server = await stack.StartServerAsync(Polling, faults, clock);
        var weekly = await stack.SeedSubscriberAsync(server, "weekly", SubscriberCadence.Weekly, digestAt.AddDays(-30));
        await stack.SeedSentPostAsync(TestIds.Post("crash"), digestAt.AddDays(-2));

        await RunAsync(server);
        var digest = await stack.WaitForDigestAsync();

        Assert.Equal(1, died);
        var log = await stack.DigestDeliveriesAsync(digest.RowKey);
        if (point == SendFaults.Claimed)
        {
            Assert.Empty(stack.Sink.MessagesTo(weekly)); // the request never left, and nobody may guess it did not
            Assert.Equal("uncertain", Assert.Single(log).Outcome);
            var chunk = await stack.Table(ChunkEntity.TableName).GetEntityAsync<ChunkEntity>(digest.RowKey,
                ChunkEntity.RowKeyFor(digest.PlanId!, 0), cancellationToken: Ct);
            Assert.Equal(ChunkState.Uncertain, chunk.Value.State);
            // The status shows it with a resend link; a moderator who checked that it never arrived sends it again.
            var problem = Assert.Single((await StatusOfAsync(server, digest.RowKey)).GetProperty("problems").EnumerateArray());
            Assert.Equal(ChunkState.Uncertain, problem.GetProperty("state").GetString());
            Assert.Equal($"/api/moderation/newsletter/{digest.RowKey}/chunks/0/resend", problem.GetProperty("resend").GetString());
            using var resend = await server.Moderator.PostAsync($"api/moderation/newsletter/{digest.RowKey}/chunks/0/resend", null, Ct);
            Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
            Assert.Single(stack.Sink.MessagesTo(weekly));
        }
        else
        {
            Assert.Single(stack.Sink.MessagesTo(weekly));
            Assert.Equal("sent", Assert.Single(log).Outcome);
        }
    }
}
