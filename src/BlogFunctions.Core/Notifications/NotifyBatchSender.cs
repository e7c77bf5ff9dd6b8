using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Sends one recipient's batch as one email, exactly once, on <see cref="ClaimedSend"/>: not before
/// it is due; never to an address that is no longer verified; without the notifications whose
/// subscription ended or whose comment is no longer approved. A claim whose run died is reported
/// uncertain (never resent blindly); a 429/5xx is retried from the queue with a growing delay.
/// </summary>
internal sealed partial class NotifyBatchSender(NotifyStore store, CommentStore comments, NotifyMail mail, IEmailSender sender,
    ClaimedSend engine, DeliveryLog log, NotifyQueue queue, IOptionsMonitor<NotificationsOptions> options, TimeProvider time,
    ILogger<NotifyBatchSender> logger)
{
    /// <summary>A claim older than this belongs to a run that died (a send takes at most a minute).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public async Task HandleAsync(string emailHash, string batchId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var view = await store.SendViewAsync(emailHash, batchId, cancellationToken);
            if (view.Batch is not { } batch || await WaitAsync(batch, cancellationToken))
            {
                return;
            }
            if (view.Address is null)
            {
                // Erased while this batch was being made: nothing of the address may stay behind.
                await store.UnsubscribeAllAsync(emailHash, erase: true, cancellationToken);
                return;
            }
            if (view.Address.VerifiedAt is null)
            {
                if (await DropAsync(batch, "the address is not verified (any more)", cancellationToken)) return;
                continue;
            }
            var lines = await LinesAsync(batch, view.Subscriptions, cancellationToken);
            if (lines.Count == 0)
            {
                if (await DropAsync(batch, "every comment in it was moderated again or unsubscribed from", cancellationToken)) return;
                continue;
            }
            var message = await mail.NotificationAsync(view.Address.Email, emailHash, batchId, lines);
            var run = await engine.RunAsync(new NotifyClaim(store, batch), sender, message, e => LogThrew(logger, e, batchId), cancellationToken);
            if (run is null)
            {
                continue; // the batch changed since it was read (an item joined): compose it again
            }
            LogSent(logger, batchId, lines.Count, batch.State);
            if (run.Outcome == BatchState.Failed && batch is { Attempts: < NotifyClaim.MaxAttempts, NextAttemptAt: { } next })
            {
                await queue.SendBatchAsync(emailHash, batchId, next - time.GetUtcNow(), cancellationToken);
            }
            return;
        }
        throw new InvalidOperationException($"Notification batch {batchId} kept changing; the queue retries it.");
    }

    /// <summary>True when this message has nothing to do now: the batch is done, or claimed by a live run, or not due yet (re-queued).</summary>
    private async Task<bool> WaitAsync(BatchRow batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (batch.State == BatchRow.Claimed)
        {
            var claim = new NotifyClaim(store, batch);
            if (!await engine.TryConcludeStaleAsync(claim, ClaimTimeout, cancellationToken))
            {
                // Live elsewhere: look again when the claim would be stale (the batch is done by then, or uncertain).
                await queue.SendBatchAsync(batch.EmailHash, batch.BatchId, AtLeastASecond((batch.ClaimedAt ?? now) + ClaimTimeout - now), cancellationToken);
            }
            return true;
        }
        if (batch.State == BatchRow.Failed ? batch.Attempts >= NotifyClaim.MaxAttempts : batch.State != BatchRow.Ready)
        {
            return true;
        }
        // Ready: due after the batching delay; failed: after its backoff, whoever delivers the message.
        var due = batch.State == BatchRow.Ready ? batch.FirstAt + options.CurrentValue.Delay : batch.NextAttemptAt ?? now;
        if (due > now)
        {
            await queue.SendBatchAsync(batch.EmailHash, batch.BatchId, AtLeastASecond(due - now), cancellationToken);
            return true;
        }
        return false;
    }

    /// <summary>A message that comes back to wait must not spin: the queue counts visibility in whole seconds.</summary>
    private static TimeSpan AtLeastASecond(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;

    /// <summary>The batch's notifications that still apply, each with its comment.</summary>
    private async Task<List<NotifyLine>> LinesAsync(BatchRow batch, IReadOnlySet<string> subscriptions, CancellationToken cancellationToken)
    {
        var items = batch.Items().Where(i => i.SubscribedTo is null || subscriptions.Contains(i.PostId + "|" + i.SubscribedTo)).ToList();
        var read = await Task.WhenAll(items.Select(i => comments.GetAsync(i.PostId, i.CommentId, cancellationToken)));
        return items.Zip(read).Where(p => p.Second?.Status == CommentStatus.Approved)
            .Select(p => new NotifyLine(p.First, p.Second!)).ToList();
    }

    private async Task<bool> DropAsync(BatchRow batch, string why, CancellationToken cancellationToken)
    {
        batch.State = BatchRow.Dropped;
        batch.LastOutcome = why;
        if (!await store.TryWriteAsync(batch, cancellationToken))
        {
            return false;
        }
        await log.RecordAsync(new DeliveryRecord(NotifyMail.Kind, new EmailSendResult(EmailOutcome.PermanentFailure, Error: "not sent: " + why))
        {
            RecipientHash = batch.EmailHash,
            Chunk = batch.BatchId,
            Outcome = "skipped",
        }, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification email {BatchId}: {Lines} notification(s), {State}")]
    private static partial void LogSent(ILogger logger, string batchId, int lines, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification email {BatchId}: the sender threw; recorded as uncertain")]
    private static partial void LogThrew(ILogger logger, Exception exception, string batchId);
}
