using BlogFunctions.Core.Email;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Sends an address its confirmation link, at most once per <see cref="Interval"/>, exactly once on
/// <see cref="ClaimedSend"/> (see <see cref="ConfirmationClaim"/>): repeated sign-ups, a redelivered
/// message or two instances send one email, and a run that dies after its claim leaves an
/// "uncertain" delivery row rather than nothing. A 429/5xx throws, so the queue retries it.
/// </summary>
internal sealed partial class ConfirmationSender(NotifyStore store, NotifyMail mail, IEmailSender sender, ClaimedSend engine,
    NotifyQueue queue, TimeProvider time, ILogger<ConfirmationSender> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>After "unsubscribe from all", a week: whoever keeps typing that address in comment forms cannot mail its owner every 10 minutes.</summary>
    public static readonly TimeSpan IntervalAfterOptOut = TimeSpan.FromDays(7);

    /// <summary>A claim older than this belongs to a run that died.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public static TimeSpan IntervalFor(AddressRow address) => address.OptedOutAt is null ? Interval : IntervalAfterOptOut;

    public async Task HandleAsync(string emailHash, CancellationToken cancellationToken)
    {
        var address = await store.AddressAsync(emailHash, cancellationToken);
        var now = time.GetUtcNow();
        if (address is null || address.VerifiedAt is not null)
        {
            return;
        }
        var claim = new ConfirmationClaim(store, address);
        if (address.ConfirmationClaimedAt is { } claimedAt)
        {
            if (!await engine.TryConcludeStaleAsync(claim, ClaimTimeout, cancellationToken))
            {
                // Another run is sending it: look again when its claim would be stale.
                var wait = claimedAt + ClaimTimeout - now;
                await queue.ConfirmAsync(emailHash, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, cancellationToken);
            }
            return;
        }
        if (address.ConfirmationSentAt + IntervalFor(address) > now)
        {
            return;
        }
        var message = await mail.ConfirmationAsync(address.Email, emailHash);
        var run = await engine.RunAsync(claim, sender, message, e => LogThrew(logger, e), cancellationToken);
        if (run?.Result is { IsRetryable: true } failed)
        {
            LogNotSent(logger, failed.Outcome);
            throw new InvalidOperationException($"The confirmation email was not sent ({failed.Outcome}); the queue retries it.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification confirmation not sent ({Outcome}); retried from the queue")]
    private static partial void LogNotSent(ILogger logger, EmailOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification confirmation: the sender threw; recorded as uncertain")]
    private static partial void LogThrew(ILogger logger, Exception exception);
}
