using System.Globalization;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// A recipient's batch row as <see cref="ClaimedSend"/> claims and settles it. Every write is
/// conditional on the ETag the batch was read (or last written) with, so an item joining the batch
/// after it was composed makes the claim fail, and the sender composes it again.
/// </summary>
internal sealed class NotifyClaim(NotifyStore store, BatchRow batch) : IClaimRow<EmailSendResult>
{
    /// <summary>Sends that fail with 429/5xx are tried again this many times in all.</summary>
    public const int MaxAttempts = 8;

    private DateTimeOffset? _staleClaimedAt;

    public BatchState State => batch.EngineState;

    public DateTimeOffset? ClaimedAt => batch.ClaimedAt;

    public Task<bool> TryClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        batch.State = BatchRow.Claimed;
        batch.ClaimedAt = now;
        return store.TryWriteAsync(batch, cancellationToken);
    }

    public Task<bool> RecordAsync(BatchState outcome, EmailSendResult result, DateTimeOffset now)
    {
        batch.State = outcome switch
        {
            BatchState.Sent => BatchRow.Sent,
            BatchState.Failed => BatchRow.Failed,
            _ => BatchRow.Uncertain,
        };
        batch.ClaimedAt = null;
        batch.LastOutcome = DeliveryLog.OutcomeName(result.Outcome);
        batch.SentAt = result.IsSent ? now : batch.SentAt;
        // A refusal that retrying cannot fix (4xx) uses up the attempts at once.
        batch.Attempts = result.IsRetryable ? batch.Attempts + 1 : outcome == BatchState.Failed ? MaxAttempts : batch.Attempts;
        batch.NextAttemptAt = outcome == BatchState.Failed ? now + Backoff(batch.Attempts) : null;
        return store.TryWriteAsync(batch, CancellationToken.None);
    }

    /// <summary>After a 429/5xx: 30 seconds, doubling with each failed attempt, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 7))));

    public Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken)
    {
        _staleClaimedAt = batch.ClaimedAt;
        batch.State = BatchRow.Uncertain;
        batch.ClaimedAt = null;
        batch.LastOutcome = "uncertain";
        return store.TryWriteAsync(batch, cancellationToken);
    }

    public IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, EmailSendResult? result)
    {
        var logged = result ?? new EmailSendResult(EmailOutcome.Unknown, Error: string.Create(CultureInfo.InvariantCulture,
            $"the run that claimed this notification email at {_staleClaimedAt:o} did not finish: it may or may not have been sent; not resent"));
        yield return new DeliveryRecord(NotifyMail.Kind, logged)
        {
            RecipientHash = batch.EmailHash,
            Chunk = batch.BatchId,
            Outcome = result is null ? "uncertain" : null,
        };
    }
}
