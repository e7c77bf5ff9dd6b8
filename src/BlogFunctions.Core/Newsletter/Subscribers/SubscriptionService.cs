using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Subscribers;

internal enum ConfirmResult { Confirmed, AlreadyConfirmed, NotPending, Unknown }

/// <summary>
/// Double opt-in. The row key is the email hash, so concurrent subscribes of one address meet on
/// one row; the right to send a confirmation is claimed by an ETag-conditional write of
/// ConfirmationSentAt, so exactly one of them sends it, and repeats within
/// <see cref="SubscriptionOptions.ResendAfterMinutes"/> send nothing.
/// </summary>
internal sealed class SubscriptionService(
    SubscriberStore store,
    SubscriberKeys keys,
    SubscriptionMails mails,
    Signer signer,
    INewsletterEvents events,
    IOptions<SubscriptionOptions> options,
    TimeProvider time)
{
    public const string IpHashPurpose = "ip";

    public async Task SubscribeAsync(SubscribeInput input, string clientIp, CancellationToken cancellationToken)
    {
        var hash = keys.HashOf(input.Email);
        var (pk, rk) = SubscriberKeys.KeysOfHash(hash);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var now = time.GetUtcNow();
            var entity = await store.GetAsync(hash, cancellationToken);
            if (entity is null)
            {
                entity = new SubscriberEntity { PartitionKey = pk, RowKey = rk, Email = input.Email, CreatedAt = now };
                Consent(entity, input, clientIp, now);
                entity.ConfirmationSentAt = now;
                if (await store.TryAddAsync(entity, cancellationToken))
                {
                    await SendConfirmationAsync(entity);
                    return;
                }
                continue; // created concurrently: decide again on the stored row
            }
            if (entity.Status is SubscriberStatus.Active or SubscriberStatus.Suppressed)
            {
                return; // nothing to do, and the answer must not tell
            }
            var resendAfter = TimeSpan.FromMinutes(options.Value.ResendAfterMinutes);
            if (entity.Status == SubscriberStatus.Pending && entity.ConfirmationSentAt is { } sent && now - sent < resendAfter)
            {
                return;
            }
            // Pending with an old (or failed) confirmation, or unsubscribed and back: fresh consent, new email.
            entity.Status = SubscriberStatus.Pending;
            entity.UnsubscribedAt = null;
            Consent(entity, input, clientIp, now);
            entity.ConfirmationSentAt = now;
            if (await store.TryReplaceAsync(entity, cancellationToken))
            {
                await SendConfirmationAsync(entity);
                return;
            }
        }
    }

    private async Task SendConfirmationAsync(SubscriberEntity entity)
    {
        // The row already says "confirmation sent": finish the send (and its delivery log row) even
        // if the reader's browser goes away, or the address would wait out the resend window for nothing.
        var result = await mails.SendConfirmationAsync(entity, CancellationToken.None);
        if (result.IsRetryable || result.Outcome == Email.EmailOutcome.PermanentFailure)
        {
            // Nothing went out: let the reader's next attempt send it rather than wait out the window.
            var claimed = entity.ConfirmationSentAt;
            await store.UpdateAsync(entity.RowKey, e =>
            {
                if (e.ConfirmationSentAt != claimed)
                {
                    return false;
                }
                e.ConfirmationSentAt = null;
                return true;
            }, CancellationToken.None);
        }
    }

    private void Consent(SubscriberEntity entity, SubscribeInput input, string clientIp, DateTimeOffset now)
    {
        entity.Name = input.Name ?? entity.Name;
        entity.ConsentAt = now;
        entity.ConsentIpHash = signer.Hash(IpHashPurpose, clientIp);
        entity.ConsentWording = input.Consent ?? options.Value.ConsentWording;
        entity.ConsentSource = input.Source;
    }

    /// <summary>The outcome, and the page the address subscribed from (for a link back).</summary>
    public async Task<(ConfirmResult Result, string? Source)> ConfirmAsync(string emailHash, CancellationToken cancellationToken)
    {
        var outcome = ConfirmResult.Unknown;
        var (entity, changed) = await store.UpdateAsync(emailHash, e =>
        {
            switch (e.Status)
            {
                case SubscriberStatus.Pending:
                    e.Status = SubscriberStatus.Active;
                    e.ConfirmedAt = time.GetUtcNow();
                    outcome = ConfirmResult.Confirmed;
                    return true;
                case SubscriberStatus.Active:
                    outcome = ConfirmResult.AlreadyConfirmed;
                    return false;
                default:
                    outcome = ConfirmResult.NotPending;
                    return false;
            }
        }, cancellationToken);
        if (changed && entity is not null)
        {
            // Only the request whose write moved pending → active sends the welcome.
            await mails.SendWelcomeAsync(entity, CancellationToken.None); // the status changed: the welcome must follow
            await events.SubscriberConfirmedAsync(emailHash, entity.ConfirmedAt ?? time.GetUtcNow(), CancellationToken.None);
        }
        return entity is null ? (ConfirmResult.Unknown, null) : (outcome, entity.ConsentSource);
    }

    /// <summary>Idempotent: an unknown, already unsubscribed or suppressed address is fine too.</summary>
    public async Task UnsubscribeAsync(string emailHash, CancellationToken cancellationToken) =>
        await store.UpdateAsync(emailHash, e =>
        {
            if (e.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
            {
                return false;
            }
            e.Status = SubscriberStatus.Unsubscribed;
            e.UnsubscribedAt = time.GetUtcNow();
            return true;
        }, cancellationToken);
}
