using System.Globalization;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// An address's confirmation email as <see cref="ClaimedSend"/> claims and settles it, on the
/// address row itself: the claim sets ConfirmationSentAt (which also starts the resend interval) and
/// ConfirmationClaimedAt; the outcome clears the claim. A 429/5xx gives the interval back, so the
/// queue's retry can send it; a run that died after its claim is reported uncertain.
/// </summary>
internal sealed class ConfirmationClaim(NotifyStore store, AddressRow address) : IClaimRow<EmailSendResult>
{
    private readonly DateTimeOffset? _sentBefore = address.ConfirmationSentAt;
    private DateTimeOffset? _staleClaimedAt;

    public BatchState State => address.ConfirmationClaimedAt is null ? BatchState.Ready : BatchState.Claimed;

    public DateTimeOffset? ClaimedAt => address.ConfirmationClaimedAt;

    public Task<bool> TryClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        address.ConfirmationSentAt = now;
        address.ConfirmationClaimedAt = now;
        return store.TryReplaceAsync(address, cancellationToken);
    }

    public async Task<bool> RecordAsync(BatchState outcome, EmailSendResult result, DateTimeOffset now)
    {
        var claimedAt = address.ConfirmationClaimedAt;
        var row = address;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            row.ConfirmationClaimedAt = null;
            if (result.IsRetryable)
            {
                row.ConfirmationSentAt = _sentBefore; // nothing went out: the retry may send at once
            }
            if (await store.TryReplaceAsync(row, CancellationToken.None))
            {
                return true;
            }
            // The row changed while the email was out (verified, opted out, signed up again): clear
            // this claim on it as it is now, or a later sign-up would find it, take this run for
            // dead, report it uncertain and send nothing. Unless another run already concluded it.
            row = await store.AddressAsync(address.PartitionKey, CancellationToken.None);
            if (row is null || row.ConfirmationClaimedAt != claimedAt)
            {
                return false;
            }
        }
        return false;
    }

    public Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken)
    {
        _staleClaimedAt = address.ConfirmationClaimedAt;
        address.ConfirmationClaimedAt = null;
        return store.TryReplaceAsync(address, cancellationToken);
    }

    public IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, EmailSendResult? result)
    {
        yield return new DeliveryRecord(NotifyMail.ConfirmKind, result ?? new EmailSendResult(EmailOutcome.Unknown,
            Error: string.Create(CultureInfo.InvariantCulture,
                $"the run that claimed this confirmation at {_staleClaimedAt:o} did not finish: it may or may not have been sent; not resent")))
        {
            RecipientHash = address.PartitionKey,
            Outcome = result is null ? "uncertain" : null,
        };
    }
}
