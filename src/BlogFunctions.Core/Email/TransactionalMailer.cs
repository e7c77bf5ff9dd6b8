using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Email;

/// <summary>
/// Sends one-off emails (confirmation, welcome, moderator notices): retries what cannot have gone
/// out (429 after its Retry-After, 5xx, no connection) a few times, never an unknown outcome, and
/// writes the final outcome to the delivery log.
/// </summary>
internal sealed partial class TransactionalMailer(IEmailSender sender, DeliveryLog log, TimeProvider time,
    ILogger<TransactionalMailer> logger)
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public async Task<EmailSendResult> SendAsync(EmailMessage message, DeliveryRecord? context, CancellationToken cancellationToken)
    {
        EmailSendResult result = new(EmailOutcome.TransientFailure, Error: "not attempted");
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                result = await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A sender bug or a broken outbox folder: the outcome is unknown, and it must reach
                // the delivery log instead of vanishing in a 500.
                LogThrew(logger, e, message.Kind);
                result = new EmailSendResult(EmailOutcome.Unknown, Error: $"the sender threw {e.GetType().Name}: {e.Message}");
                break;
            }
            if (!result.IsRetryable || attempt == MaxAttempts)
            {
                break;
            }
            var wait = result.RetryAfter ?? TimeSpan.FromMilliseconds(250 * attempt * attempt);
            await Task.Delay(wait < MaxWait ? wait : MaxWait, time, cancellationToken);
        }
        if (!result.IsSent)
        {
            LogFailed(logger, message.Kind, result.Outcome, result.Error);
        }
        var record = (context ?? new DeliveryRecord(message.Kind, result)) with
        {
            Result = result,
            Recipients = message.Recipients.Count,
        };
        if (record.RecipientEmail is null && record.RecipientHash is null && message.Recipients.Count == 1)
        {
            record = record with { RecipientEmail = message.Recipients[0].Email };
        }
        await log.RecordAsync(record, cancellationToken);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a {Kind} email threw; logged as uncertain")]
    private static partial void LogThrew(ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} email not sent: {Outcome} {Error}")]
    private static partial void LogFailed(ILogger logger, string kind, EmailOutcome outcome, string? error);
}
