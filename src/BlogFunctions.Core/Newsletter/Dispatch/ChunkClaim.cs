using Azure;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>A chunk's send: what the transport said, and how many recipients it addressed.</summary>
internal sealed record ChunkSendResult(SendResult Result, int Addressed);

/// <summary>
/// A chunk row as <see cref="ClaimedSend"/> claims and settles it. The claim also counts the
/// attempt and gets a fresh claim id; the outcome carries the message id and the count addressed.
/// Delivery-log rows are the transport's (one per request, retries included); a digest chunk whose
/// sender died after its claim also gets an "uncertain" row here, since no request of its was logged.
/// </summary>
internal sealed class ChunkClaim(ChunkStore chunks, ChunkEntity chunk) : IClaimRow<ChunkSendResult>
{
    public BatchState State => ChunkState.ToBatch(chunk.State);

    public DateTimeOffset? ClaimedAt => chunk.ClaimedAt;

    public async Task<bool> TryClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (read, state, claimId, claimedAt) = (chunk.ETag, chunk.State, chunk.ClaimId, chunk.ClaimedAt);
        chunk.State = ChunkState.Sending;
        chunk.ClaimId = Guid.NewGuid().ToString("N");
        chunk.ClaimedAt = now;
        chunk.Attempts++;
        if (await chunks.TryUpdateAsync(chunk, read, cancellationToken))
        {
            return true;
        }
        // Another run owns it now; leave the listed row as it was read.
        (chunk.State, chunk.ClaimId, chunk.ClaimedAt) = (state, claimId, claimedAt);
        chunk.Attempts--;
        return false;
    }

    public Task<bool> RecordAsync(BatchState outcome, ChunkSendResult result, DateTimeOffset now)
    {
        var sent = outcome == BatchState.Sent;
        chunk.State = ChunkState.Of(outcome);
        chunk.LastError = result.Result.Error ?? "";
        chunk.MessageId = result.Result.MessageId ?? "";
        chunk.SentCount = sent ? result.Addressed : 0;
        chunk.SentAt = sent ? now : chunk.SentAt;
        // Unconditional: the outcome is the truth even if another run meanwhile judged this claim stale.
        return chunks.TryUpdateAsync(chunk, ETag.All, CancellationToken.None);
    }

    public Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken)
    {
        var read = chunk.ETag;
        chunk.State = ChunkState.Uncertain;
        chunk.LastError = "The run sending this chunk stopped before recording the outcome.";
        return chunks.TryUpdateAsync(chunk, read, cancellationToken);
    }

    public IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, ChunkSendResult? result) =>
        result is null && chunk.Posts.Length > 0
            ? [new DeliveryRecord(NewsletterMessages.DigestKind, new EmailSendResult(EmailOutcome.Unknown, Error: chunk.LastError))
            {
                Recipients = chunk.RecipientCount,
                PostId = chunk.PartitionKey,
                Chunk = chunk.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }]
            : [];
}
