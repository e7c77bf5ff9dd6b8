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
/// comments held since the last digest that are still pending. Exactly once, on <see cref="ClaimedSend"/>:
/// the batch is claimed on the state row (<see cref="DigestClaim"/>) with its ETag before the send and
/// marked done after it, so overlapping runs and instances never send it twice; a run that died
/// after its claim leaves the batch "uncertain" in the delivery log (not resent); a 429/5xx leaves
/// it for the next run.
/// </summary>
internal sealed partial class ModerationDigestJob(
    DigestStateStore states,
    DigestBatchReader reader,
    ModerationDigestMail mail,
    IEmailSender sender,
    ClaimedSend engine,
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
            // The run that claimed the batch never finished: record it as uncertain and move on, never resend blindly.
            var (stale, claimedAt) = (new DigestClaim(states, state, recipients, null, now), state.ClaimedAt);
            if (!await engine.TryConcludeStaleAsync(stale, ClaimTimeout, cancellationToken))
            {
                return new DigestRunResult("busy", state.BatchComments, state.BatchId, BusyRetry);
            }
            LogUncertain(logger, stale.BatchId, claimedAt);
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
        var claim = new DigestClaim(states, state, recipients, new DigestBatchClaim(batchId, cutoff, batch.Comments.Count + batch.More), now);
        // Claimed: the send and its bookkeeping finish even if the host is stopping, or the
        // batch would be reported uncertain although it was never sent.
        var run = await engine.RunAsync(claim, sender, message, e => LogThrew(logger, e, batchId), cancellationToken);
        if (run is null)
        {
            return new DigestRunResult("busy");
        }
        if (!run.Recorded)
        {
            LogStateLost(logger, batchId);
        }
        var result = run.Result;
        LogSent(logger, batchId, state.BatchComments, recipients.Count, state.LastOutcome);
        return new DigestRunResult(run.Outcome switch { BatchState.Sent => "sent", BatchState.Uncertain => "uncertain", _ => "failed" },
            state.BatchComments, batchId, result.IsRetryable ? Backoff(state.FailedRuns) : null);
    }

    /// <summary>After a 429/5xx: a minute, doubling with each failed run, at most an hour.</summary>
    private static TimeSpan Backoff(int failedRuns) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Clamp(failedRuns - 1, 0, 6))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderator digest {BatchId}: {Comments} comment(s) to {Recipients} moderator(s): {Outcome}")]
    private static partial void LogSent(ILogger logger, string batchId, int comments, int recipients, string? outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moderator digest {BatchId} claimed at {ClaimedAt} never finished; reported uncertain, not resent")]
    private static partial void LogUncertain(ILogger logger, string batchId, DateTimeOffset? claimedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moderator digest {BatchId}: the sender threw; recorded as uncertain")]
    private static partial void LogThrew(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moderator digest {BatchId}: state row changed under a claim; check the delivery log")]
    private static partial void LogStateLost(ILogger logger, string batchId);
}
