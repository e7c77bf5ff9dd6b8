using System.Text.Json;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// The newsletter as queue work, so no step ever sits inside an HTTP request or an unbounded
/// function run: a new post (feed or POST /api/posts) sends <c>plan</c>; planning commits the plan,
/// queues one <c>send</c> per chunk due after PlannerSendSeconds, and meanwhile sends the chunks
/// itself from the addresses it read; each chunk is claimed, sent and recorded by <see cref="ChunkSender"/>,
/// which is what makes a second delivery of any message harmless. A chunk SendGrid refused (429/5xx
/// after retries) sends itself again with a growing delay until MaxChunkAttempts; a message that
/// finds its chunk claimed by a sender still inside ClaimTimeoutSeconds comes back when the claim
/// expires, so a sender killed mid-send ends as "uncertain" in the status, never resent blindly.
/// </summary>
internal sealed partial class NewsletterSteps(WorkQueueClient queue, FeedSync feed, PostStore posts, ChunkPlanner planner,
    WeeklyDigest digest, ChunkDispatcher dispatcher, ChunkStore chunks, ChunkSender sender, IOptionsMonitor<NewsletterDispatchOptions> options,
    TimeProvider time, ILogger<NewsletterSteps> logger) : IQueueWork, IDisposable
{
    // Newsletter:SendConcurrency per instance: the queue hands this instance up to a batch of send
    // steps at once, and SendGrid should still see at most this many of its requests in flight.
    private readonly SemaphoreSlim _sending = new(options.CurrentValue.SendConcurrency);

    public string Queue => WorkQueues.Newsletter;

    public Task EnqueueAsync(NewsletterStep step, TimeSpan delay, CancellationToken cancellationToken) =>
        queue.SendAsync(WorkQueues.Newsletter, step, NewsletterStepJson.Default.NewsletterStep, delay, cancellationToken);

    /// <summary>For a post just stored: a failed send is logged, and the hourly feed sync plans the post instead.</summary>
    public Task<bool> TryEnqueuePlanAsync(string postKey, CancellationToken cancellationToken) =>
        queue.TrySendAsync(WorkQueues.Newsletter, new NewsletterStep(NewsletterStep.Plan, postKey),
            NewsletterStepJson.Default.NewsletterStep, TimeSpan.Zero, cancellationToken);

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var step = JsonSerializer.Deserialize(message, NewsletterStepJson.Default.NewsletterStep);
        switch (step)
        {
            case { Step: NewsletterStep.Sync }:
                await SyncAsync(cancellationToken);
                break;
            case { Step: NewsletterStep.Plan, Post: { } key } when NewsletterStepKeys.LooksValid(key):
                await PlanAsync(key, cancellationToken);
                break;
            case { Step: NewsletterStep.Send, Post: { } key, Chunk: int index and >= 0 } when NewsletterStepKeys.LooksValid(key):
                await SendAsync(key, index, cancellationToken);
                break;
            default:
                throw new FormatException("Not a newsletter step: " + message);
        }
    }

    /// <summary>
    /// The feed, then a plan step for every open post (new ones, and any whose messages were lost),
    /// and one for the weekly digest while the latest digest hour's is not done.
    /// </summary>
    public async Task<FeedSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var synced = await feed.SyncAsync(cancellationToken);
        var open = await posts.ListOpenAsync(cancellationToken);
        foreach (var post in open.OrderBy(p => p.FirstSeenAt))
        {
            await EnqueueAsync(new NewsletterStep(NewsletterStep.Plan, post.RowKey), TimeSpan.Zero, cancellationToken);
        }
        if (await digest.DueAsync(cancellationToken) is var (key, delay))
        {
            await EnqueueAsync(new NewsletterStep(NewsletterStep.Plan, key), delay, cancellationToken);
        }
        LogSynced(logger, synced.Status, open.Count);
        return synced;
    }

    private async Task PlanAsync(string key, CancellationToken cancellationToken)
    {
        var post = await posts.GetAsync(key, cancellationToken);
        PlannedRecipients? planned = null;
        if (post?.State == PostState.Pending)
        {
            (post, planned) = await planner.PlanAsync(post, cancellationToken);
        }
        if (post?.State != PostState.Dispatching)
        {
            return;
        }
        var (all, due) = await dispatcher.DueAsync(post, cancellationToken);
        var budget = planned is null ? TimeSpan.Zero : TimeSpan.FromSeconds(options.CurrentValue.PlannerSendSeconds);
        // Every chunk gets its send message first, so a run that dies here loses nothing. When this
        // run holds the addresses it planned with, the messages wait out its sending time, and each
        // finds its chunk sent (and ends) unless the run died or ran out of time.
        // A chunk claimed by a run that may have died is looked at again when its claim expires.
        var now = time.GetUtcNow();
        var messages = due.Select(c => (c.Index, Delay: budget))
            .Concat(all.Except(due).Select(c => (c.Index, Delay: dispatcher.ClaimExpiresAt(c) - now + TimeSpan.FromSeconds(1)))
                .Where(c => c.Delay > TimeSpan.Zero).Select(c => (c.Index, Delay: c.Delay!.Value)));
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            (m, ct) => new ValueTask(EnqueueAsync(new NewsletterStep(NewsletterStep.Send, key, m.Index), m.Delay, ct)));
        if (due.Count == 0)
        {
            await dispatcher.CompleteIfSettledAsync(post, all);
        }
        else if (planned is not null && budget > TimeSpan.Zero)
        {
            // Sending from memory spares a second read of every recipient (the messages re-read
            // their chunk's). Chunks in flight when the budget ends are still finished.
            using var sending = new CancellationTokenSource(budget, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(sending.Token, cancellationToken);
            await dispatcher.DispatchAsync(post, planned, either.Token);
        }
    }

    private async Task SendAsync(string key, int index, CancellationToken cancellationToken)
    {
        var post = await posts.GetAsync(key, cancellationToken);
        if (post?.State != PostState.Dispatching || await chunks.GetAsync(post, index, cancellationToken) is not { } chunk)
        {
            return; // done, re-planned or gone: nothing of this message is left to do
        }
        if (await dispatcher.IsDueAsync(post, chunk, cancellationToken))
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await sender.ClaimAndSendAsync(post, chunk, null, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }
        else if (dispatcher.ClaimExpiresAt(chunk) is { } expires && expires > time.GetUtcNow())
        {
            // Claimed by a sender that may have died: look again once its claim is stale.
            await EnqueueAsync(new NewsletterStep(NewsletterStep.Send, key, index), expires - time.GetUtcNow() + TimeSpan.FromSeconds(1),
                cancellationToken);
            return;
        }
        if (chunk.State == ChunkState.Failed && ChunkSender.IsClaimable(chunk, options.CurrentValue))
        {
            await EnqueueAsync(new NewsletterStep(NewsletterStep.Send, key, index), RetryDelay(chunk.Attempts), cancellationToken);
            return;
        }
        var (all, _) = await dispatcher.DueAsync(post, cancellationToken);
        await dispatcher.CompleteIfSettledAsync(post, all);
    }

    public void Dispose() => _sending.Dispose();

    /// <summary>After a chunk's n-th failed run: 30 s, doubling, at most an hour.</summary>
    internal static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 7))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter sync: feed {FeedStatus}, {Posts} open posts queued for planning")]
    private static partial void LogSynced(ILogger logger, string feedStatus, int posts);
}
