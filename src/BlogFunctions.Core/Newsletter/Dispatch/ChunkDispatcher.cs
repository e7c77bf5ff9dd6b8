using Azure;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

public sealed record PostDispatchResult(string PostKey, string PostId, int Chunks, int Sent, int Failed, int Uncertain, int Recipients);

/// <summary>
/// Sends the chunks of a planned post. Each chunk is claimed with its ETag before the request
/// (so concurrent runs never both send it) and its outcome recorded after; a claim older than
/// ClaimTimeoutSeconds belongs to a run that died mid-send, whose outcome is unknown: uncertain.
/// </summary>
public sealed partial class ChunkDispatcher(ChunkStore chunks, ChunkRecipients recipients, PostStore posts,
    INewsletterTransport transport, DispatchFaults faults, IOptionsMonitor<NewsletterDispatchOptions> options,
    TimeProvider time, ILogger<ChunkDispatcher> logger)
{
    public async Task<PostDispatchResult> DispatchAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var all = await chunks.ListAsync(post, cancellationToken);
        var sentRecipients = all.Where(c => c.State == ChunkState.Sent).Sum(c => c.SentCount);
        foreach (var listed in all)
        {
            // Stopping between chunks is safe at any time; a chunk in flight is always finished and recorded.
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            if (!await IsDueAsync(listed, settings, cancellationToken))
            {
                continue;
            }
            var chunk = await chunks.GetAsync(post, listed.Index, cancellationToken);
            if (chunk is null || !IsClaimable(chunk, settings))
            {
                continue;
            }
            var read = chunk.ETag;
            chunk.State = ChunkState.Sending;
            chunk.ClaimId = Guid.NewGuid().ToString("N");
            chunk.ClaimedAt = time.GetUtcNow();
            chunk.Attempts++;
            if (!await chunks.TryUpdateAsync(chunk, read, cancellationToken))
            {
                continue;
            }
            faults.At(DispatchFaults.Claimed);
            var sent = await SendClaimedAsync(post, chunk, cancellationToken);
            listed.State = chunk.State;
            if (sent > 0)
            {
                sentRecipients += sent;
                LogProgress(logger, post.PostId, sentRecipients, post.RecipientCount, chunk.Index + 1, all.Count);
            }
        }
        var result = new PostDispatchResult(post.RowKey, post.PostId, all.Count,
            all.Count(c => c.State == ChunkState.Sent), all.Count(c => c.State == ChunkState.Failed),
            all.Count(c => c.State == ChunkState.Uncertain), sentRecipients);
        if (all.All(c => IsSettled(c, settings)))
        {
            post.State = PostState.Done;
            post.CompletedAt = time.GetUtcNow();
            await posts.TryUpdateAsync(post, CancellationToken.None);
        }
        return result;
    }

    // Reads and records use no caller token: once claimed, stopping half-way would turn a known
    // outcome into an unknown one. The transport only uses the token between retries.
    private async Task<int> SendClaimedAsync(PostEntity post, ChunkEntity chunk, CancellationToken cancellationToken)
    {
        List<NewsletterRecipient> active;
        try
        {
            active = await recipients.ActiveAsync(chunk, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Nothing left yet: hand the chunk back rather than let it turn uncertain.
            chunk.State = ChunkState.Failed;
            chunk.LastError = "Reading the recipients failed: " + e.Message;
            await chunks.TryUpdateAsync(chunk, ETag.All, CancellationToken.None);
            throw;
        }
        var result = active.Count == 0
            ? new SendResult(SendOutcome.Sent)
            : await transport.SendAsync(new NewsletterBatch(post, chunk.Index, active), cancellationToken);
        faults.At(DispatchFaults.Sent);
        chunk.State = result.Outcome switch
        {
            SendOutcome.Sent => ChunkState.Sent,
            SendOutcome.Failed => ChunkState.Failed,
            _ => ChunkState.Uncertain,
        };
        chunk.LastError = result.Error ?? "";
        chunk.MessageId = result.MessageId ?? "";
        chunk.SentCount = result.Outcome == SendOutcome.Sent ? active.Count : 0;
        chunk.SentAt = result.Outcome == SendOutcome.Sent ? time.GetUtcNow() : chunk.SentAt;
        // The outcome is the truth even if another run meanwhile judged this claim stale.
        await chunks.TryUpdateAsync(chunk, ETag.All, CancellationToken.None);
        faults.At(DispatchFaults.Recorded);
        if (result.Outcome != SendOutcome.Sent)
        {
            LogChunkProblem(logger, post.PostId, chunk.Index, chunk.State, chunk.LastError);
        }
        return chunk.SentCount;
    }

    private async Task<bool> IsDueAsync(ChunkEntity chunk, NewsletterDispatchOptions settings, CancellationToken cancellationToken)
    {
        if (chunk.State != ChunkState.Sending || !IsStale(chunk, settings))
        {
            return IsClaimable(chunk, settings);
        }
        // Its sender died after claiming: the request may or may not have left.
        var read = chunk.ETag;
        chunk.State = ChunkState.Uncertain;
        chunk.LastError = "The run sending this chunk stopped before recording the outcome.";
        if (await chunks.TryUpdateAsync(chunk, read, cancellationToken))
        {
            LogChunkProblem(logger, "", chunk.Index, chunk.State, chunk.LastError);
        }
        return false;
    }

    private bool IsStale(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.ClaimedAt is not { } claimed || claimed.AddSeconds(settings.ClaimTimeoutSeconds) <= time.GetUtcNow();

    private static bool IsClaimable(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.State == ChunkState.Planned || (chunk.State == ChunkState.Failed && chunk.Attempts < settings.MaxChunkAttempts);

    private static bool IsSettled(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.State is ChunkState.Sent or ChunkState.Uncertain
        || (chunk.State == ChunkState.Failed && chunk.Attempts >= settings.MaxChunkAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: sent {Sent}/{Total} (chunk {Chunk} of {Chunks})")]
    private static partial void LogProgress(ILogger logger, string postId, int sent, int total, int chunk, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId}: chunk {Chunk} is {State}: {Error}")]
    private static partial void LogChunkProblem(ILogger logger, string postId, int chunk, string state, string? error);
}
