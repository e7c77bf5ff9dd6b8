using System.Globalization;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// What one digest run did: disabled, nothing, waiting, busy, moderated, sent, failed, uncertain;
/// <see cref="RetryIn"/> says when another run has work (waiting, busy, failed), else null.
/// </summary>
internal sealed record DigestRunResult(string Outcome, int Comments = 0, string? BatchId = null, TimeSpan? RetryIn = null);

/// <summary>
/// The digest queue's work (and the hourly sweep's): once the oldest unsent notice is
/// Moderation:DigestDelaySeconds old, one email to every Moderation:NotifyEmails address lists all
/// comments held since the last digest that are still pending. Exactly once: the batch is claimed on the state row with its ETag before the
/// send and marked done after it, so overlapping runs and instances never send it twice; a run
/// that died after its claim leaves the batch "uncertain" in the delivery log (not resent); a
/// 429/5xx leaves it for the next run.
/// </summary>
internal sealed partial class ModerationDigestJob(
    DigestStateStore states,
    DigestBatchReader reader,
    ModerationDigestMail mail,
    IEmailSender sender,
    DeliveryLog log,
    DigestFaults faults,
    IOptionsMonitor<ModerationOptions> options,
    TimeProvider time,
    ILogger<ModerationDigestJob> logger)
{
    /// <summary>
    /// Notices younger than this are left for the next run: a write still in flight must not be
    /// skipped (a storage call gives up after 4 s, see StorageCallDeadline). Never more than half the
    /// delay, so a short delay still lets a notice in.
    /// </summary>
    public static TimeSpan GraceFor(TimeSpan delay) => delay / 2 < MaxGrace ? delay / 2 : MaxGrace;

    private static readonly TimeSpan MaxGrace = TimeSpan.FromSeconds(5);

    /// <summary>Busy elsewhere: look again this much later (the claim is finished or stale by then).</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(30);

    /// <summary>A claim older than this belongs to a run that died (a send takes at most a minute).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await RunOnceAsync(cancellationToken);
        LogRun(logger, result.Outcome, result.Comments);
    }

    public async Task<DigestRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var recipients = ModeratorRecipients.From(options.CurrentValue);
        if (recipients.Count == 0)
        {
            return new DigestRunResult("disabled");
        }
        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(options.CurrentValue.DigestDelaySeconds);
        var state = await states.LoadAsync(now, cancellationToken);
        if (state.State == DigestStateEntity.Sending)
        {
            if (now - state.ClaimedAt < ClaimTimeout || !await ConcludeUncertainAsync(state, recipients, cancellationToken))
            {
                return new DigestRunResult("busy", state.BatchComments, state.BatchId, BusyRetry);
            }
        }
        var cutoff = now - GraceFor(window);
        var notices = await reader.NoticesAsync(state.SentThrough, cutoff, cancellationToken);
        if (notices.Count == 0)
        {
            return new DigestRunResult("nothing");
        }
        if (notices[0].At > now - window)
        {
            return new DigestRunResult("waiting", notices.Count, RetryIn: notices[0].At + window - now);
        }
        var batch = await reader.PendingAsync(notices, cancellationToken);
        if (batch.Comments.Count == 0)
        {
            // Every one was moderated before its email went out: nothing to tell.
            state.SentThrough = cutoff;
            state.LastOutcome = "moderated";
            return new DigestRunResult(await states.TryWriteAsync(state, cancellationToken) ? "moderated" : "busy");
        }

        var batchId = "digest-" + cutoff.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var message = await mail.ComposeAsync(batch, batchId, recipients);
        state.State = DigestStateEntity.Sending;
        state.BatchId = batchId;
        state.BatchThrough = cutoff;
        state.BatchComments = batch.Comments.Count + batch.More;
        state.ClaimedAt = now;
        if (!await states.TryWriteAsync(state, cancellationToken))
        {
            return new DigestRunResult("busy");
        }
        faults.At(DigestFaults.Claimed);
        // Claimed: finish the send and its bookkeeping even if the host is stopping, or the
        // batch would be reported uncertain although it was never sent.
        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The request may or may not have left: that is uncertain, recorded now, never resent blindly.
            LogThrew(logger, e, batchId);
            result = new EmailSendResult(EmailOutcome.Unknown, Error: $"the sender threw {e.GetType().Name}: {e.Message}");
        }
        faults.At(DigestFaults.Sent);

        var outcome = DeliveryLog.OutcomeName(result.Outcome);
        state.State = DigestStateEntity.Idle;
        state.ClaimedAt = null;
        state.LastOutcome = outcome;
        if (result.IsRetryable)
        {
            state.FailedRuns++; // nothing went out: the next run sends the batch (and anything newer)
        }
        else
        {
            state.SentThrough = cutoff;
            state.FailedRuns = 0;
            state.LastSentAt = result.IsSent ? now : state.LastSentAt;
        }
        if (!await states.TryWriteAsync(state, CancellationToken.None))
        {
            LogStateLost(logger, batchId);
        }
        LogSent(logger, batchId, state.BatchComments, recipients.Count, outcome);
        await RecordAsync(recipients, batchId, result, null, CancellationToken.None);
        return new DigestRunResult(result.IsSent ? "sent" : result.Outcome == EmailOutcome.Unknown ? "uncertain" : "failed",
            state.BatchComments, batchId, result.IsRetryable ? Backoff(state.FailedRuns) : null);
    }

    /// <summary>After a 429/5xx: a minute, doubling with each failed run, at most an hour.</summary>
    private static TimeSpan Backoff(int failedRuns) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Clamp(failedRuns - 1, 0, 6))));

    /// <summary>The run that claimed the batch never finished: record it as uncertain and move on, never resend blindly.</summary>
    private async Task<bool> ConcludeUncertainAsync(DigestStateEntity state, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var batchId = state.BatchId ?? "digest";
        var claimedAt = state.ClaimedAt;
        state.SentThrough = state.BatchThrough ?? state.SentThrough;
        state.State = DigestStateEntity.Idle;
        state.ClaimedAt = null;
        state.LastOutcome = "uncertain";
        if (!await states.TryWriteAsync(state, cancellationToken))
        {
            return false;
        }
        LogUncertain(logger, batchId, claimedAt);
        var error = string.Create(CultureInfo.InvariantCulture,
            $"the run that claimed this digest at {claimedAt:o} did not finish: it may or may not have been sent; its comments are in the moderation queue");
        await RecordAsync(recipients, batchId, new EmailSendResult(EmailOutcome.Unknown, Error: error), "uncertain", cancellationToken);
        return true;
    }

    private async Task RecordAsync(IReadOnlyList<string> recipients, string batchId, EmailSendResult result, string? outcome,
        CancellationToken cancellationToken)
    {
        // One row per moderator, so "why didn't I get it?" can be answered by address (?email=).
        foreach (var r in recipients)
        {
            await log.RecordAsync(new DeliveryRecord(ModerationDigestMail.Kind, result)
            {
                RecipientEmail = r,
                Recipients = recipients.Count,
                Chunk = batchId,
                Outcome = outcome,
            }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moderator digest run: {Outcome} ({Comments} comment(s))")]
    private static partial void LogRun(ILogger logger, string outcome, int comments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderator digest {BatchId}: {Comments} comment(s) to {Recipients} moderator(s): {Outcome}")]
    private static partial void LogSent(ILogger logger, string batchId, int comments, int recipients, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderator digest {BatchId} claimed at {ClaimedAt} never finished; reported uncertain, not resent")]
    private static partial void LogUncertain(ILogger logger, string batchId, DateTimeOffset? claimedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moderator digest {BatchId}: the sender threw; recorded as uncertain")]
    private static partial void LogThrew(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moderator digest {BatchId}: state row changed under a claim; check the delivery log")]
    private static partial void LogStateLost(ILogger logger, string batchId);
}
