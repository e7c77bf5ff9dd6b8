using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// A dispatch as the hosts run it now: <c>POST /api/posts</c> stores the post and queues its
/// <c>plan</c> step; the SelfHost's poller takes it, plans the post and queues one <c>send</c> per
/// chunk, which the same poller takes 16 at a time (Queues:BatchSize). Timed from the request to
/// the post's state Done in the posts table, read every 20 ms.
/// </summary>
internal sealed class QueuedDispatch(HttpClient client, TableClient posts, int maxPollingMilliseconds)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    private long _lastDone = Stopwatch.GetTimestamp();

    // A post normally arrives after a quiet spell, when the poller has backed off to its longest
    // wait. Its waits double from 50 ms up to the maximum, so twice the maximum since the last
    // message is enough for it to be there; without this gap a round right after the previous one
    // would find the poller still polling every few hundred milliseconds.
    private TimeSpan Quiet => TimeSpan.FromMilliseconds(2 * maxPollingMilliseconds);

    public async Task<DispatchRun> RunAsync(SendGridSink sink, ProcessCpu meter)
    {
        var wait = Quiet - Stopwatch.GetElapsedTime(_lastDone);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = meter.Now();
        var started = Stopwatch.GetTimestamp();
        var key = await RegisterPostAsync();
        var answered = Stopwatch.GetElapsedTime(started);
        var post = await WaitUntilDoneAsync(key);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu.Since(cpuBefore, meter.Now());
        _lastDone = Stopwatch.GetTimestamp();
        return DispatchRun.From(post, startedAt, wall, cpu, sink, $"answered in {answered.TotalMilliseconds:F0} ms, ");
    }

    private async Task<PostEntity> WaitUntilDoneAsync(string key)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var post = (await posts.GetEntityAsync<PostEntity>(PostEntity.Partition, key)).Value;
            if (post.State == PostState.Done)
            {
                return post;
            }
            if (Stopwatch.GetElapsedTime(started) > GiveUpAfter)
            {
                throw new TimeoutException($"Post {key} is still {post.State} after {GiveUpAfter.TotalMinutes} min.");
            }
            await Task.Delay(PollEvery);
        }
    }

    private async Task<string> RegisterPostAsync()
    {
        var id = "bench-dispatch-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await client.PostAsJsonAsync(new Uri("api/posts", UriKind.Relative), new
        {
            id,
            title = DispatchRun.Title,
            url = $"https://blog.example/{id}",
            summary = DispatchRun.Summary,
            publishedAt = DateTimeOffset.UtcNow,
        });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("key").GetString()!;
    }
}
