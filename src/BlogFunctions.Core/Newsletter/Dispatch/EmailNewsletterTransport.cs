using System.Globalization;
using BlogFunctions.Core.Email;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Sends a chunk as one <see cref="IEmailSender"/> request (SendGrid: one personalization per
/// recipient; dev: one outbox email per recipient), written by <see cref="NewsletterMessages"/>.
/// Retries only what cannot have gone out: 429 after its Retry-After (up to a cap), 5xx and
/// refused connections with exponential back-off. An unknown outcome is returned as such.
/// Every attempt is written to the delivery log (kind "newsletter", or "newsletter-digest").
/// </summary>
internal sealed class EmailNewsletterTransport(IEmailSender sender, NewsletterMessages messages,
    DeliveryLog log, IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time) : INewsletterTransport
{
    public const string Kind = NewsletterMessages.Kind;

    /// <summary>A Retry-After beyond this leaves the chunk for the next run rather than holding this one.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public async Task<SendResult> SendAsync(NewsletterBatch batch, CancellationToken cancellationToken)
    {
        var message = await messages.BuildAsync(batch);
        var settings = options.CurrentValue;
        var chunk = batch.Chunk.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            // The send itself is never cancelled half-way: that would turn a known outcome into an unknown one.
            var result = await sender.SendAsync(message, CancellationToken.None);
            await log.RecordAsync(new DeliveryRecord(message.Kind, result)
            {
                Recipients = message.Recipients.Count,
                PostId = batch.Post.RowKey,
                Chunk = chunk,
            }, CancellationToken.None);
            switch (result.Outcome)
            {
                case EmailOutcome.Sent:
                    return new SendResult(SendOutcome.Sent, result.MessageId);
                case EmailOutcome.Unknown:
                    return new SendResult(SendOutcome.Uncertain, null, result.Error);
                case EmailOutcome.PermanentFailure:
                    return new SendResult(SendOutcome.Failed, null, result.Error);
            }
            var wait = result.Outcome == EmailOutcome.RateLimited
                ? result.RetryAfter ?? TimeSpan.FromSeconds(1)
                : Backoff(settings.SendRetryDelayMilliseconds, attempt);
            if (attempt >= settings.SendRetries || wait > MaxRetryAfter)
            {
                return new SendResult(SendOutcome.Failed, null, result.Error);
            }
            try
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping between attempts is safe: nothing is in flight.
                return new SendResult(SendOutcome.Failed, null, result.Error + " (run stopped before retrying)");
            }
        }
    }

    private static TimeSpan Backoff(int baseMilliseconds, int attempt) =>
        TimeSpan.FromMilliseconds(baseMilliseconds * Math.Pow(2, attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
}
