using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

internal sealed record PostDispatchResult(string PostKey, string PostId, int Chunks, int Sent, int Failed, int Uncertain, int Recipients);

/// <summary>
/// Sends the due chunks of a planned post, up to <see cref="NewsletterDispatchOptions.SendConcurrency"/>
/// at a time (in index order). Each chunk is claimed with its ETag before the request (so
/// concurrent runs never both send it) and its outcome recorded after — see <see cref="ChunkSender"/>;
/// a claim older than ClaimTimeoutSeconds belongs to a run that died mid-send, whose outcome is
/// unknown: uncertain.
/// </summary>
internal sealed partial class ChunkDispatcher(ChunkStore chunks, ChunkSender sender, PostStore posts, ClaimedSend engine,
    INewsletterEvents events, IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time, ILogger<ChunkDispatcher> logger)
{
    /// <param name="post">The post, with its committed plan.</param>
    /// <param name="planned">The recipients this run read when it planned the post, if it did; otherwise each chunk re-reads its own.</param>
    /// <param name="cancellationToken">Stops starting chunks; a chunk in flight is always finished and recorded.</param>
    public async Task<PostDispatchResult> DispatchAsync(PostEntity post, PlannedRecipients? planned, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var (all, due) = await DueAsync(post, cancellationToken);
        var recipients = planned is not null && planned.PlanId == post.PlanId && planned.Count == all.Count ? planned : null;
        var progress = new DispatchProgress(all);
        // The loop's own token is not passed on: stopping must never cut a claimed chunk short.
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.SendConcurrency }, async (chunk, _) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            var sent = await sender.ClaimAndSendAsync(post, chunk, recipients?.Take(chunk.Index), cancellationToken);
            if (sent is { } count)
            {
                var (recipientsSent, chunksSent) = progress.Add(count);
                LogProgress(logger, post.PostId, recipientsSent, post.RecipientCount, chunksSent, all.Count);
            }
        });
        var result = new PostDispatchResult(post.RowKey, post.PostId, all.Count,
            all.Count(c => c.State == ChunkState.Sent), all.Count(c => c.State == ChunkState.Failed),
            all.Count(c => c.State == ChunkState.Uncertain), progress.Recipients);
        await CompleteIfSettledAsync(post, all);
        return result;
    }

    /// <summary>The chunks of the post's plan, and those a run may send now (stale claims turn uncertain on the way).</summary>
    public async Task<(List<ChunkEntity> All, List<ChunkEntity> Due)> DueAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var all = await chunks.ListAsync(post, cancellationToken);
        var due = new List<ChunkEntity>();
        foreach (var listed in all)
        {
            if (await IsDueAsync(post, listed, cancellationToken))
            {
                due.Add(listed);
            }
        }
        return (all, due);
    }

    /// <summary>Marks the post done once every chunk of its plan is settled; true when it is (or was).</summary>
    public async Task<bool> CompleteIfSettledAsync(PostEntity post, IReadOnlyList<ChunkEntity> all)
    {
        var settings = options.CurrentValue;
        if (!all.All(c => IsSettled(c, settings)))
        {
            return false;
        }
        if (post.State == PostState.Dispatching)
        {
            post.State = PostState.Done;
            post.CompletedAt = time.GetUtcNow();
            // Only the run whose write moved the post to done reports it, so it is reported once.
            if (await posts.TryUpdateAsync(post, CancellationToken.None))
            {
                await events.NewsletterSentAsync(new NewsletterSent(post.RowKey, post.PostId, post.Title, post.Url,
                    all.Where(c => c.State == ChunkState.Sent).Sum(c => c.SentCount), post.CompletedAt.Value), CancellationToken.None);
            }
        }
        return true;
    }

    /// <summary>When a claimed chunk's claim goes stale (its sender is then taken for dead); null when not claimed.</summary>
    public DateTimeOffset? ClaimExpiresAt(ChunkEntity chunk) =>
        chunk.State == ChunkState.Sending ? (chunk.ClaimedAt ?? DateTimeOffset.MinValue).AddSeconds(options.CurrentValue.ClaimTimeoutSeconds) : null;

    /// <summary>Whether a run may claim the chunk now; a stale claim is recorded as uncertain (never resent blindly).</summary>
    public async Task<bool> IsDueAsync(PostEntity post, ChunkEntity chunk, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var claim = new ChunkClaim(chunks, chunk);
        var timeout = TimeSpan.FromSeconds(settings.ClaimTimeoutSeconds);
        if (!engine.IsStale(claim, timeout))
        {
            return ChunkSender.IsClaimable(chunk, settings);
        }
        // Its sender died after claiming: the request may or may not have left.
        if (await engine.TryConcludeStaleAsync(claim, timeout, cancellationToken))
        {
            ChunkSender.LogChunkProblem(logger, post.PostId, chunk.Index, chunk.State, chunk.LastError);
        }
        return false;
    }

    private static bool IsSettled(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.State is ChunkState.Sent or ChunkState.Uncertain
        || (chunk.State == ChunkState.Failed && chunk.Attempts >= settings.MaxChunkAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: sent {Sent}/{Total} recipients, {ChunksSent}/{Chunks} chunks")]
    private static partial void LogProgress(ILogger logger, string postId, int sent, int total, int chunksSent, int chunks);

    /// <summary>Counts of a post's sent recipients and chunks, shared by the concurrent senders.</summary>
    private sealed class DispatchProgress(List<ChunkEntity> all)
    {
        private readonly Lock _gate = new();
        private int _recipients = all.Where(c => c.State == ChunkState.Sent).Sum(c => c.SentCount);
        private int _chunks = all.Count(c => c.State == ChunkState.Sent);

        public int Recipients
        {
            get
            {
                lock (_gate)
                {
                    return _recipients;
                }
            }
        }

        public (int Recipients, int Chunks) Add(int recipients)
        {
            lock (_gate)
            {
                _recipients += recipients;
                _chunks++;
                return (_recipients, _chunks);
            }
        }
    }
}
