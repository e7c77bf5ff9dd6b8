using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Comments;

/// <summary>When the reconcile runs on its own: every instance, now and then (it reads every row, so not often).</summary>
public sealed partial class CommentReconciler
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // Not at start-up: a cold start should not pay for a scan, and the projector's own repair runs then.
    private static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            wait = Interval;
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                var result = await RunAsync(stoppingToken);
                if (result.IndexRepaired + result.OrphansRemoved + result.CountsFixed > 0)
                {
                    LogRepaired(logger, result.IndexRepaired, result.OrphansRemoved, result.CountsFixed, result.Comments);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Reconcile repaired the index rows of {Repaired} comments, removed {Orphans} orphan index rows and fixed {Counts} counts ({Comments} comments checked)")]
    private static partial void LogRepaired(ILogger logger, int repaired, int orphans, int counts, int comments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling the comment index and counts failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
