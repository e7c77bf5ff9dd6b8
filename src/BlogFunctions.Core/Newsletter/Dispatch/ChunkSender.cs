using Azure;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// One chunk's exactly-once step: claim (state "sending", ETag-conditional), send its single
/// request, record the outcome. Nothing between claim and record takes the caller's token:
/// stopping half-way would turn a known outcome into an unknown one.
/// </summary>
internal sealed partial class ChunkSender(ChunkStore chunks, ChunkRecipients recipients, INewsletterTransport transport,
    DispatchFaults faults, TimeProvider time, ILogger<ChunkSender> logger)
{
    public static bool IsClaimable(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.State == ChunkState.Planned || (chunk.State == ChunkState.Failed && chunk.Attempts < settings.MaxChunkAttempts);

    /// <param name="post">The post whose committed plan the chunk belongs to.</param>
    /// <param name="chunk">The chunk's status columns as listed (their ETag is what the claim is conditional on).</param>
    /// <param name="planned">Its recipients as read by this run's planning; null re-reads them from the plan.</param>
    /// <param name="cancellationToken">Only used for the claim and between retries.</param>
    /// <returns>Recipients sent to, or null when another run claimed the chunk first.</returns>
    public async Task<int?> ClaimAndSendAsync(PostEntity post, ChunkEntity chunk, List<NewsletterRecipient>? planned,
        CancellationToken cancellationToken)
    {
        var (read, state, claimId, claimedAt) = (chunk.ETag, chunk.State, chunk.ClaimId, chunk.ClaimedAt);
        chunk.State = ChunkState.Sending;
        chunk.ClaimId = Guid.NewGuid().ToString("N");
        chunk.ClaimedAt = time.GetUtcNow();
        chunk.Attempts++;
        if (!await chunks.TryUpdateAsync(chunk, read, cancellationToken))
        {
            // Another run owns it now; leave the listed row as it was read.
            (chunk.State, chunk.ClaimId, chunk.ClaimedAt) = (state, claimId, claimedAt);
            chunk.Attempts--;
            return null;
        }
        faults.At(DispatchFaults.Claimed);
        var active = planned ?? await ReadRecipientsAsync(post, chunk);
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

    /// <summary>A chunk sent by a later run (after a crash, a failure or a resend): who of its plan is still active.</summary>
    private async Task<List<NewsletterRecipient>> ReadRecipientsAsync(PostEntity post, ChunkEntity chunk)
    {
        try
        {
            var full = chunk.Recipients.Length > 0 ? chunk : await chunks.GetAsync(post, chunk.Index, CancellationToken.None)
                ?? throw new RequestFailedException(404, "The chunk row vanished.");
            return await recipients.ActiveAsync(full, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Nothing left yet: hand the chunk back rather than let it turn uncertain.
            chunk.State = ChunkState.Failed;
            chunk.LastError = "Reading the recipients failed: " + e.Message;
            await chunks.TryUpdateAsync(chunk, ETag.All, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId}: chunk {Chunk} is {State}: {Error}")]
    internal static partial void LogChunkProblem(ILogger logger, string postId, int chunk, string state, string? error);
}
