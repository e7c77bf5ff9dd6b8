using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

[Collection(NewsletterGroup.Name)]
public sealed class DispatchCrashTests(NewsletterRig stack) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Crashes_at_random_points_across_10k_subscribers_deliver_each_post_once_apart_from_uncertain_chunks()
    {
        var faults = new TestFaults();
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["Newsletter:ChunkSize"] = "250",
            // Runs here are sequential, so a claim found on the next run belongs to a crashed one.
            ["Newsletter:ClaimTimeoutSeconds"] = "0",
        }, faults);
        var emails = await stack.SeedSubscribersAsync(server, 10_000);
        var key = await RegisterPostAsync(server);
        var job = server.Services.GetRequiredService<NewsletterJob>();

        var random = new Random(20261124);
        var crashes = new List<string>();
        faults.OnPoint = point =>
        {
            if (random.NextDouble() < 0.12)
            {
                crashes.Add(point);
                throw new SimulatedCrashException(point);
            }
        };
        for (var run = 0; run < 300 && (await PostAsync(key)).State != PostState.Done; run++)
        {
            try
            {
                await job.RunOnceAsync(TestContext.Current.CancellationToken);
            }
            catch (SimulatedCrashException)
            {
                // The process "died" here: nothing cleans up; the next run must resume.
            }
        }
        faults.OnPoint = null;

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        Assert.True(crashes.Count >= 10, $"only {crashes.Count} crashes were injected");
        var chunks = await ChunksAsync(stack, key);
        Assert.Equal(40, chunks.Count);
        var uncertain = chunks.Where(c => c.State == ChunkState.Uncertain).ToList();
        Assert.All(chunks, c => Assert.True(c.State is ChunkState.Sent or ChunkState.Uncertain, $"chunk {c.Index}: {c.State} {c.LastError}"));
        // Only a crash between claim and record can leave a chunk uncertain.
        Assert.True(uncertain.Count <= crashes.Count(p => p is SendFaults.Claimed or SendFaults.Sent));

        var signer = server.Services.GetRequiredService<Signer>();
        var uncertainKeys = await RecipientKeysAsync(uncertain);
        var counts = CountsFor(stack.Sink, key);
        foreach (var email in emails)
        {
            counts.TryGetValue(email, out var got);
            if (uncertainKeys.Contains(signer.Hash("email", email)))
            {
                Assert.True(got <= 1, $"{email} got {got} copies");
            }
            else
            {
                Assert.True(got == 1, $"{email} got {got} copies");
            }
        }

        // A moderator resends the uncertain chunks that the sink shows never arrived: then everyone has exactly one.
        foreach (var chunk in uncertain)
        {
            var keys = RecipientList.Decode(chunk.Recipients).SelectMany(g => g.Keys).ToHashSet(StringComparer.Ordinal);
            var arrived = emails.Any(e => keys.Contains(signer.Hash("email", e)) && counts.ContainsKey(e));
            if (!arrived)
            {
                var response = await server.Moderator.PostAsync($"api/moderation/newsletter/{key}/chunks/{chunk.Index}/resend", null,
                    TestContext.Current.CancellationToken);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            }
        }
        var final = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count, final.Count);
        Assert.All(final.Values, c => Assert.Equal(1, c));
        Assert.All(stack.Sink.Requests, r => Assert.True(r.Personalizations.Count <= 1000));
    }

    private async Task<PostEntity> PostAsync(string key) =>
        (await stack.Table(PostEntity.TableName).GetEntityAsync<PostEntity>(PostEntity.Partition, key)).Value;
}
