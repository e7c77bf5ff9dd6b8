using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Hosting;

/// <summary>When the hourly sweep runs.</summary>
internal sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>The default of <see cref="Schedule"/>: hourly, at minute 30 (the feed sync runs at minute 0).</summary>
    public const string DefaultSchedule = "0 30 * * * *";

    /// <summary>Six-field NCrontab expression of the sweep's timer; empty disables the SelfHost's timer.</summary>
    public string Schedule { get; set; } = DefaultSchedule;
}

/// <summary>What one sweep found: comments still unprojected, the reconcile's repairs, the digest run's outcome, poison messages.</summary>
internal sealed record SweepResult(int Unprojected, ReconcileResult Reconciled, string Digest, int Poisoned);

/// <summary>
/// The safety net behind the queues, run hourly by a timer (<see cref="MaintenanceOptions.Schedule"/>) on either host:
/// it finds work whose queue message was lost (a comment stored while the queue was unreachable,
/// a held comment whose digest message never arrived), checks every derived comment row and count
/// (<see cref="CommentReconciler"/>: once an hour for the whole app, not once per instance) and
/// reports poison messages in the log.
/// The newsletter's own net is its hourly sync, which re-queues every open post.
/// </summary>
internal sealed partial class HourlySweep(CommentProjectionService projections, CommentReconciler reconciler, ModerationDigestJob digest,
    Notifications.DeferredPublishes deferredNotifications, QueueBacklog backlog, ILogger<HourlySweep> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var unprojected = await projections.RepairAsync(cancellationToken);
        await projections.FlushAsync(cancellationToken);
        var reconciled = await reconciler.RunAsync(cancellationToken);
        var sent = await digest.RunOnceAsync(cancellationToken);
        var deferred = await deferredNotifications.QueueAsync(cancellationToken);
        if (deferred > 0)
        {
            LogDeferred(logger, deferred);
        }
        var queues = await backlog.ReadAsync(cancellationToken);
        foreach (var queue in queues.Where(q => q.Poisoned > 0))
        {
            LogPoisoned(logger, queue.Poisoned, WorkQueues.PoisonOf(queue.Name));
        }
        var result = new SweepResult(unprojected, reconciled, sent.Outcome, queues.Sum(q => q.Poisoned));
        LogSwept(logger, result.Unprojected, reconciled.IndexRepaired, reconciled.OrphansRemoved, reconciled.CountsFixed, result.Digest, result.Poisoned);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hourly sweep: queued the notification work of {Count} approval(s) deferred while the queue was out")]
    private static partial void LogDeferred(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} message(s) failed for good and wait in {Queue}: see GET /api/moderation/newsletter")]
    private static partial void LogPoisoned(ILogger logger, int count, string queue);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Hourly sweep: {Unprojected} unprojected comment(s) projected; index of {Repaired} comment(s) repaired, {Orphans} orphan row(s) removed, {Counts} count(s) fixed; digest {Digest}; {Poisoned} poison message(s)")]
    private static partial void LogSwept(ILogger logger, int unprojected, int repaired, int orphans, int counts, string digest, int poisoned);
}
