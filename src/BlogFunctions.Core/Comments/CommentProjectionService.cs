using System.Collections.Concurrent;
using System.Threading.Channels;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Runs <see cref="CommentProjector"/> in the background on every instance (both hosts run hosted
/// services). A POST hands its marker over in memory, so the derived rows follow within
/// milliseconds; markers that arrive while a batch is written wait and go in the next one, which is
/// what keeps the cost per comment low under load. Readers that must see their own writes (the
/// moderation list, counts, erasure) call <see cref="FlushAsync"/>. Comments a crash or an outage
/// left with <see cref="CommentEntity.Projected"/> = false are found again by
/// <see cref="RepairAsync"/>, at start-up and every few minutes.
/// </summary>
public sealed partial class CommentProjectionService(CommentProjector projector, BlogTables tables, TimeProvider time,
    ILogger<CommentProjectionService> logger) : BackgroundService
{
    public static readonly TimeSpan RepairInterval = TimeSpan.FromMinutes(5);

    // A live marker is projected within milliseconds; only one this old was left behind.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the first marker waits for company. Each batch costs a few requests per post and per
    /// email partition whatever its size, so under load a longer window means fewer requests per
    /// comment; a flush (moderation list, counts after a POST on this instance) cuts it short.
    /// </summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);

    private readonly Channel<ProjectionMarker> _queue = Channel.CreateUnbounded<ProjectionMarker>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, int> _pendingPerPost = new(StringComparer.Ordinal);

    // Markers queued and not yet tried, so a repair pass during a long outage does not queue the
    // ones already waiting for their retry a second time.
    private readonly ConcurrentDictionary<(string PostId, string CommentId), byte> _queued = new();
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private long _enqueued;
    private long _finished;
    private TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Enqueue(ProjectionMarker marker)
    {
        if (!_queued.TryAdd((marker.PostId, marker.CommentId), 0))
        {
            return;
        }
        _pendingPerPost.AddOrUpdate(marker.PostId, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(marker);
    }

    public bool HasPending(string postId) => _pendingPerPost.GetValueOrDefault(postId) > 0;

    /// <summary>Completes once every marker handed over before the call has been tried (written, or failed and queued for retry).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        lock (_gate)
        {
            if (_finished >= target)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, done));
            _flushRequested.TrySetResult();
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Queues every unprojected comment in storage that no instance is working on (or all of them at start-up).</summary>
    public async Task<int> RepairAsync(bool all, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - AbandonedAfter;
        var found = 0;
        // A filter on a column, so Table Storage scans the table for it (pages of up to 1,000 rows);
        // it runs at start-up and every few minutes, never on a request path. The price of keeping
        // the flag in the comment row instead of a marker row with its own key range is this scan;
        // what it buys is one row less in every POST's transaction.
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(
            filter: $"{nameof(CommentEntity.Projected)} eq false", select: ProjectionMarker.Columns, cancellationToken: cancellationToken))
        {
            if ((all || row.Timestamp < before) && ProjectionMarker.FromEntity(row) is { } marker)
            {
                Enqueue(marker);
                found++;
            }
        }
        return found;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = Task.Run(() => RepairLoopAsync(stoppingToken), stoppingToken);
        var batch = new List<ProjectionMarker>();
        while (await WaitForWorkAsync(stoppingToken))
        {
            Task flush;
            lock (_gate)
            {
                flush = _flushRequested.Task;
            }
            await Task.WhenAny(flush, Task.Delay(BatchWindow, time, stoppingToken));
            lock (_gate)
            {
                if (_flushRequested.Task.IsCompleted)
                {
                    _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
            batch.Clear();
            while (batch.Count < 2000 && _queue.Reader.TryRead(out var marker))
            {
                batch.Add(marker);
            }
            try
            {
                await projector.ProjectAsync(batch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e, batch.Count);
                _ = RetryLaterAsync(batch.ToList(), stoppingToken);
            }
            Finished(batch);
        }
    }

    private async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _queue.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Finished(List<ProjectionMarker> batch)
    {
        foreach (var m in batch)
        {
            _queued.TryRemove((m.PostId, m.CommentId), out _);
            if (_pendingPerPost.AddOrUpdate(m.PostId, 0, (_, n) => n - 1) <= 0)
            {
                _pendingPerPost.TryRemove(new KeyValuePair<string, int>(m.PostId, 0));
            }
        }
        lock (_gate)
        {
            _finished += batch.Count;
            _waiters.RemoveAll(w =>
            {
                if (w.Target > _finished)
                {
                    return false;
                }
                w.Done.TrySetResult();
                return true;
            });
        }
    }

    private async Task RetryLaterAsync(List<ProjectionMarker> markers, CancellationToken stoppingToken)
    {
        await Task.Delay(RetryAfterFailure, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!stoppingToken.IsCancellationRequested)
        {
            markers.ForEach(Enqueue);
        }
    }

    private async Task RepairLoopAsync(CancellationToken stoppingToken)
    {
        // The first pass takes every marker (nothing of this process is in flight yet) and is
        // repeated until it succeeds: storage may be down, or the tables not yet created, at start-up.
        var all = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RepairAsync(all, stoppingToken) is > 0 and var found)
                {
                    LogRepaired(logger, found);
                }
                all = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRepairFailed(logger, e);
            }
            await Task.Delay(all ? RetryAfterFailure : RepairInterval, time, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection of {Count} new comments failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Found {Count} comments whose derived rows were not written; projecting them")]
    private static partial void LogRepaired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for unprojected comments failed; retrying later")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception);
}
