using BlogFunctions.Core.Email;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Sends an address its confirmation link, at most once per <see cref="Interval"/>: the send is
/// claimed by an ETag-conditional write of ConfirmationSentAt, so repeated sign-ups, a redelivered
/// message or two instances send one email. A send that certainly did not go out (429/5xx after
/// the mailer's retries) gives the claim back and throws, so the queue retries it.
/// </summary>
internal sealed partial class ConfirmationSender(NotifyStore store, NotifyMail mail, TransactionalMailer mailer, TimeProvider time,
    ILogger<ConfirmationSender> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>After "unsubscribe from all", a week: whoever keeps typing that address in comment forms cannot mail its owner every 10 minutes.</summary>
    public static readonly TimeSpan IntervalAfterOptOut = TimeSpan.FromDays(7);

    public static TimeSpan IntervalFor(AddressRow address) => address.OptedOutAt is null ? Interval : IntervalAfterOptOut;

    public async Task HandleAsync(string emailHash, CancellationToken cancellationToken)
    {
        var address = await store.AddressAsync(emailHash, cancellationToken);
        var now = time.GetUtcNow();
        if (address is null || address.VerifiedAt is not null || address.ConfirmationSentAt + IntervalFor(address) > now)
        {
            return;
        }
        var before = address.ConfirmationSentAt;
        address.ConfirmationSentAt = now;
        if (!await store.TryReplaceAsync(address, cancellationToken))
        {
            return; // another run claimed it
        }
        var message = await mail.ConfirmationAsync(address.Email, emailHash);
        var result = await mailer.SendAsync(message, new DeliveryRecord(NotifyMail.ConfirmKind, new EmailSendResult(EmailOutcome.Unknown))
        {
            RecipientHash = emailHash,
        }, CancellationToken.None);
        if (result.IsRetryable)
        {
            address.ConfirmationSentAt = before;
            await store.TryReplaceAsync(address, CancellationToken.None);
            LogNotSent(logger, result.Outcome);
            throw new InvalidOperationException($"The confirmation email was not sent ({result.Outcome}); the queue retries it.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification confirmation not sent ({Outcome}); retried from the queue")]
    private static partial void LogNotSent(ILogger logger, EmailOutcome outcome);
}
