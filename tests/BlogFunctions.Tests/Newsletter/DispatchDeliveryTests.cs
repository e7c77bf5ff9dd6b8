using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>Exactly once under SendGrid throttling and errors, and under runs that overlap.</summary>
[Collection(NewsletterGroup.Name)]
public sealed class DispatchDeliveryTests(NewsletterRig stack) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_fifth_of_requests_throttled_or_failing_still_delivers_everyone_exactly_once()
    {
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["Newsletter:ChunkSize"] = "250",
            // One retry within a run, so some chunks fail for good in a run and must be picked up by the next.
            ["Newsletter:SendRetries"] = "1",
        });
        var emails = await stack.SeedSubscribersAsync(server, 3_500);
        var key = await RegisterPostAsync(server);
        var job = server.Services.GetRequiredService<NewsletterJob>();
        stack.Sink.FaultProbability = 0.2; // 429 with Retry-After, 500 and 503, at random

        var runs = 0;
        while (runs < 15 && (await PostAsync(key)).State != PostState.Done)
        {
            await job.RunOnceAsync(TestContext.Current.CancellationToken);
            runs++;
        }
        stack.Sink.FaultProbability = 0;

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        Assert.True(stack.Sink.Faulted >= 3, $"only {stack.Sink.Faulted} faults were injected");
        var chunks = await ChunksAsync(stack, key);
        Assert.Equal(14, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(ChunkState.Sent, c.State));
        AssertEachOnce(emails, key);
        // Each chunk is one accepted request: a retry never duplicated one.
        Assert.Equal(14, stack.Sink.Requests.Count(r => r.CustomArgs.GetValueOrDefault("postId") == key));
    }

    [Fact]
    public async Task Two_runs_at_once_in_one_process_send_each_chunk_once()
    {
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?> { ["Newsletter:ChunkSize"] = "200" });
        var emails = await stack.SeedSubscribersAsync(server, 2_000);
        var key = await RegisterPostAsync(server);
        var job = server.Services.GetRequiredService<NewsletterJob>();

        // Both start with the post pending: both plan, one plan wins, and both send from it.
        await Task.WhenAll(
            Task.Run(() => job.RunOnceAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => job.RunOnceAsync(TestContext.Current.CancellationToken)));
        await job.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        AssertEachOnce(emails, key);
        AssertEachChunkOnce(key, 10);
    }

    [Fact]
    public async Task Two_servers_on_one_storage_running_at_once_send_each_chunk_once()
    {
        // Both poll the queues, and the run route queues four more syncs: every step may run on either, or twice.
        var settings = new Dictionary<string, string?> { ["Newsletter:ChunkSize"] = "200", ["SelfHost:QueuePollers"] = "true" };
        await using var first = await stack.StartServerAsync(settings);
        await using var second = await stack.StartServerAsync(settings);
        var emails = await stack.SeedSubscribersAsync(first, 2_000);
        var key = await RegisterPostAsync(first);

        await Task.WhenAll(RunAsync(first), RunAsync(second), RunAsync(first), RunAsync(second));
        await WaitForDoneAsync(stack, key);
        await RunAsync(second);
        await Task.Delay(1000, TestContext.Current.CancellationToken); // a late step must still send nothing

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        AssertEachOnce(emails, key);
        AssertEachChunkOnce(key, 10);
    }

    private void AssertEachOnce(List<string> emails, string key)
    {
        var counts = CountsFor(stack.Sink, key);
        var missing = emails.Where(e => !counts.ContainsKey(e)).ToList();
        var twice = counts.Where(c => c.Value != 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} subscribers got nothing, e.g. {missing.FirstOrDefault()}");
        Assert.True(twice.Count == 0, $"{twice.Count} subscribers got more than one, e.g. {twice.FirstOrDefault()}");
        Assert.Equal(emails.Count, counts.Count);
    }

    private void AssertEachChunkOnce(string key, int chunks)
    {
        var sent = stack.Sink.Requests.Where(r => r.CustomArgs.GetValueOrDefault("postId") == key)
            .GroupBy(r => r.CustomArgs["chunk"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(chunks, sent.Count);
        Assert.All(sent, s => Assert.True(s.Value == 1, $"chunk {s.Key} was sent {s.Value} times"));
    }

    private async Task<PostEntity> PostAsync(string key) =>
        (await stack.Table(PostEntity.TableName).GetEntityAsync<PostEntity>(PostEntity.Partition, key)).Value;
}
