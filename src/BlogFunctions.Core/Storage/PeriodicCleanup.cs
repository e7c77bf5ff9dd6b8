using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// Runs a cleanup <see cref="FirstRoundAfter"/> after start-up and then every <see cref="Interval"/> on every instance (both hosts
/// run hosted services). Cleanups are idempotent deletes of expired rows, so instances may overlap;
/// a failure is logged and retried on the next round.
/// </summary>
internal abstract partial class PeriodicCleanup(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>
    /// The first round waits this long: its queries (and the first use of the SDK's typed entities)
    /// would compete with a new instance's first requests on a cold start, and nothing expires faster.
    /// </summary>
    public static readonly TimeSpan FirstRoundAfter = TimeSpan.FromSeconds(30);

    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log calls this cleanup's rows.</summary>
    protected abstract string What { get; }

    /// <summary>Deletes what has expired; returns how many rows went.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstRoundAfter, Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted, What);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e, What);
            }
            await Task.Delay(Interval, Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired {What}")]
    private static partial void LogDeleted(ILogger logger, int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleanup of expired {What} failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
