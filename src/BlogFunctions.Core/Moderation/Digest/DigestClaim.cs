using System.Globalization;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>The batch a digest run means to send: its id, the notice cut-off it covers, how many comments it lists.</summary>
internal sealed record DigestBatchClaim(string BatchId, DateTimeOffset Through, int Comments);

/// <summary>
/// The digest's state row as <see cref="ClaimedSend"/> claims and settles it. The row is rolling:
/// "sending" while a batch is claimed, "idle" (ready for the next batch) once the outcome is
/// recorded, with the outcome kept in LastOutcome. A 429/5xx leaves the notices unsent so the
/// next run sends them (and anything newer); any other outcome moves SentThrough past them.
/// Each outcome gets a delivery-log row per moderator, so "why didn't I get it?" can be answered
/// by address (?email=).
/// </summary>
/// <param name="states">The row's store.</param>
/// <param name="state">The row as read (its ETag is what the writes are conditional on).</param>
/// <param name="recipients">The moderators the batch goes to: one delivery-log row each.</param>
/// <param name="batch">The batch to claim; null when the row is only read to conclude a stale claim.</param>
/// <param name="now">The run's clock reading: the claim and a send's LastSentAt carry it.</param>
internal sealed class DigestClaim(DigestStateStore states, DigestStateEntity state, IReadOnlyList<string> recipients,
    DigestBatchClaim? batch, DateTimeOffset now) : IClaimRow<EmailSendResult>
{
    private DateTimeOffset? _staleClaimedAt;

    public BatchState State => state.State == DigestStateEntity.Sending ? BatchState.Claimed : BatchState.Ready;

    public DateTimeOffset? ClaimedAt => state.ClaimedAt;

    public string BatchId => state.BatchId ?? "digest";

    public Task<bool> TryClaimAsync(DateTimeOffset _, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        state.State = DigestStateEntity.Sending;
        state.BatchId = batch.BatchId;
        state.BatchThrough = batch.Through;
        state.BatchComments = batch.Comments;
        state.ClaimedAt = now;
        return states.TryWriteAsync(state, cancellationToken);
    }

    public Task<bool> RecordAsync(BatchState outcome, EmailSendResult result, DateTimeOffset _)
    {
        state.State = DigestStateEntity.Idle;
        state.ClaimedAt = null;
        state.LastOutcome = DeliveryLog.OutcomeName(result.Outcome);
        if (result.IsRetryable)
        {
            state.FailedRuns++; // nothing went out: the next run sends the batch (and anything newer)
        }
        else
        {
            state.SentThrough = state.BatchThrough ?? state.SentThrough;
            state.FailedRuns = 0;
            state.LastSentAt = result.IsSent ? now : state.LastSentAt;
        }
        // Conditional on the claim's own write: a change since means the delivery log is the record.
        return states.TryWriteAsync(state, CancellationToken.None);
    }

    public Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken)
    {
        _staleClaimedAt = state.ClaimedAt;
        state.SentThrough = state.BatchThrough ?? state.SentThrough;
        state.State = DigestStateEntity.Idle;
        state.ClaimedAt = null;
        state.LastOutcome = "uncertain";
        return states.TryWriteAsync(state, cancellationToken);
    }

    public IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, EmailSendResult? result)
    {
        var (logged, name) = result is null
            ? (new EmailSendResult(EmailOutcome.Unknown, Error: string.Create(CultureInfo.InvariantCulture,
                $"the run that claimed this digest at {_staleClaimedAt:o} did not finish: it may or may not have been sent; its comments are in the moderation queue")),
               "uncertain")
            : (result, null);
        return recipients.Select(r => new DeliveryRecord(ModerationDigestMail.Kind, logged)
        {
            RecipientEmail = r,
            Recipients = recipients.Count,
            Chunk = BatchId,
            Outcome = name,
        });
    }
}
