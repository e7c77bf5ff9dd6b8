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
/// moderation list, counts, erasure) call <see cref="FlushAsync"/>. This is the fast path only:
/// every new comment also has a message on the projection queue (<see cref="CommentProjectionWork"/>),
/// which projects it on any instance if this one was frozen or stopped first, and the hourly sweep
/// (<see cref="RepairAsync"/>) finds the rare comment whose message could not be sent.
/// </summary>
internal sealed partial class CommentProjectionService(CommentProjector projector, BlogTables tables, TimeProvider time,
    ILogger<CommentProjectionService> logger) : BackgroundService
{
    // A live marker is projected within a second, or by its queue message within seconds; only one this old was left behind.
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

    // Posts with markers of a failed batch waiting for their retry: out of the channel, not done either.
    private readonly ConcurrentDictionary<string, int> _retryingPerPost = new(StringComparer.Ordinal);

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

    /// <summary>Whether a marker of the post handed over here is still to be written: queued, in a batch, or waiting for a retry.</summary>
    public bool HasUnfinished(string postId) => HasPending(postId) || _retryingPerPost.GetValueOrDefault(postId) > 0;

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

    /// <summary>Queues every unprojected comment in storage that no instance is working on any more (the hourly sweep).</summary>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - AbandonedAfter;
        var found = 0;
        // A filter on a column, so Table Storage scans the table for it (pages of up to 1,000 rows);
        // it runs hourly in the sweep, never on a request path or at start-up. The price of keeping
        // the flag in the comment row instead of a marker row with its own key range is this scan;
        // what it buys is one row less in every POST's transaction.
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(
            filter: $"{nameof(CommentEntity.Projected)} eq false", select: ProjectionMarker.Columns, cancellationToken: cancellationToken))
        {
            // By the comment's own creation time (this app's clock, unlike the row's Timestamp): older
            // than that, neither the in-process path nor the queue message is still coming.
            if (ProjectionMarker.FromEntity(row) is { } marker && marker.CreatedAt < before)
            {
                Enqueue(marker);
                found++;
            }
        }
        return found;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
                foreach (var post in batch.GroupBy(m => m.PostId, StringComparer.Ordinal))
                {
                    _retryingPerPost.AddOrUpdate(post.Key, post.Count(), (_, n) => n + post.Count());
                }
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
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        // Part of the batch may have been finished before it failed, here or by another instance:
        // only what is still due goes round again, so a long outage does not snowball into
        // re-projecting (and re-notifying) the same comments on every retry.
        foreach (var post in markers.GroupBy(m => m.PostId, StringComparer.Ordinal))
        {
            try
            {
                (await projector.RefreshAsync(post.Key, post.ToList(), stoppingToken)).ForEach(Enqueue);
                if (_retryingPerPost.AddOrUpdate(post.Key, 0, (_, n) => n - post.Count()) <= 0)
                {
                    _retryingPerPost.TryRemove(new KeyValuePair<string, int>(post.Key, 0));
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e, post.Count());
                _ = RetryLaterAsync(post.ToList(), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection of {Count} new comments failed; retrying shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception, int count);
}
