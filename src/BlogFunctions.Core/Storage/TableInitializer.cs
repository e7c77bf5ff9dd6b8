using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// Creates the tables at start-up. If storage is down then, the host still starts (requests get
/// 503 until it is back) and creation is retried in the background.
/// </summary>
internal sealed partial class TableInitializer(BlogTables tables, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<TableInitializer> logger) : BackgroundService
{
    public Task Ready => _ready.Task;

    /// <summary>
    /// Ends when the start-up attempt has (tables in place, or storage found down). Requests wait
    /// for it (<see cref="Http.ApiPipeline"/>), so a healthy host serves its first request with the
    /// tables in place, while the attempt itself, the Azure SDK's first request and most of a cold
    /// start's storage cost, runs beside the rest of the start-up instead of before it.
    /// </summary>
    public Task FirstAttempt { get; private set; } = Task.CompletedTask;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _recreating = new();
    private Task _recreate = Task.CompletedTask;
    private long _lastRecreate = long.MinValue / 2;

    /// <summary>Repairs of a missing table start at most this often, however many requests meet it.</summary>
    private static readonly TimeSpan RecreateInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Creates the tables again after a request found one missing (deleted while the app ran): one
    /// repair at a time, at most one per <see cref="RecreateInterval"/>, so the next request works
    /// instead of every request answering 503 until a restart.
    /// </summary>
    public Task RecreateAsync()
    {
        lock (_recreating)
        {
            if (_recreate.IsCompleted && time.GetElapsedTime(_lastRecreate) >= RecreateInterval)
            {
                _lastRecreate = time.GetTimestamp();
                LogRecreating(logger);
                _recreate = TryCreateAllAsync(CancellationToken.None);
            }
            return _recreate;
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        FirstAttempt = FirstAttemptAsync(cancellationToken);
        return base.StartAsync(cancellationToken);
    }

    private async Task FirstAttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await TryCreateAllAsync(cancellationToken))
            {
                _ready.TrySetResult();
            }
        }
        catch (Exception e)
        {
            // Not an outage (a wrong account key, a bug): stop as a failed start-up did when this was awaited.
            LogStartFailed(logger, e);
            lifetime.StopApplication();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FirstAttempt;
        var delay = TimeSpan.FromSeconds(1);
        while (!_ready.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, time, stoppingToken);
            if (await TryCreateAllAsync(stoppingToken))
            {
                _ready.TrySetResult();
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    private async Task<bool> TryCreateAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            // One listing instead of a create per table: a warm account (every start but the first)
            // costs a cold start one storage call, not one per table.
            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var table in tables.Service.QueryAsync(cancellationToken: cancellationToken))
            {
                existing.Add(table.Name);
            }
            await Task.WhenAll(tables.Names.Where(n => !existing.Contains(n))
                .Select(n => tables.Service.CreateTableIfNotExistsAsync(n, cancellationToken)));
            LogCreated(logger, tables.Names.Count);
            return true;
        }
        catch (Exception e) when (StorageFailures.IsOutage(e, cancellationToken))
        {
            LogRetry(logger, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A table is missing; creating the tables again")]
    private static partial void LogRecreating(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} tables ready")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Creating the tables failed at start-up, and storage is not down: stopping")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unreachable at start-up; creating tables later")]
    private static partial void LogRetry(ILogger logger, Exception exception);
}
