using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Writes what derives from new comments, from their <see cref="ProjectionMarker"/>s. Table Storage
/// has no transactions across partitions, so the order is what keeps a crash harmless:
/// <list type="number">
/// <item>POST: ONE entity-group transaction in the post's partition inserts the comment, with
/// <see cref="CommentEntity.Projected"/> = false, and its body fingerprint. All or nothing: a
/// failed POST leaves no trace.</item>
/// <item>Projection: upsert the index rows (batched per status partition) and the email
/// lookup rows (batched per email partition). Upserts, so repeating them is harmless.</item>
/// <item>Then ONE transaction per post partition adds the comments' deltas to <c>~count</c> and
/// sets Projected = true on each comment, every row guarded by its ETag. Count and flag change
/// together, so each comment is counted exactly once even when two instances project it: the
/// second one's flag write fails on the ETag, and a read shows the comment done (or, when a
/// moderator changed it meanwhile, still due, under a new ETag).</item>
/// </list>
/// A crash between 1 and 3 leaves Projected = false, and <see cref="CommentProjectionService"/>
/// finds the comment again at start-up (and every few minutes) and repeats 2 and 3. A comment
/// deleted before step 3 had its delta counted by the delete (see <see cref="CommentStore"/>).
/// </summary>
internal sealed partial class CommentProjector(BlogTables tables, ICommentNotifications notifications)
{
    private const int MaxBatch = 100;
    private const int FinishAttempts = 10;
    private const int MaxCachedCounts = 10_000;

    /// <summary>
    /// Storage calls of one projection step in flight at once. A round under load is a hundred
    /// calls of up to 100 rows; sent together they queued every request behind them (Azurite
    /// serves one request at a time: POSTs waited past the 4 s storage deadline, bench/README.md),
    /// while four at a time keep the round's own latency low and let requests in between.
    /// </summary>
    private const int CallsInFlight = 4;

    // The count row as this instance last wrote it: the next batch of the post tries that ETag first
    // and saves a read; anyone else's change makes it fail with 412, and then it reads.
    private readonly ConcurrentDictionary<string, (int Approved, ETag ETag)> _counts = new(StringComparer.Ordinal);

    public async Task ProjectAsync(IReadOnlyCollection<ProjectionMarker> markers, CancellationToken cancellationToken)
    {
        var unique = markers.DistinctBy(m => (m.PostId, m.CommentId)).ToList();
        await WriteDerivedAsync(unique, cancellationToken);
        // Before the flag: the work is queued (or, while the queue is out, kept in a table row for the
        // hourly sweep); if even that fails, the comment stays unprojected and its retry tries again
        // (the work is idempotent), so a published comment is never silently left out of its readers' notifications.
        // One call per post: a busy post's batch is a handful of queue messages, not one per comment.
        await InTurnsAsync(unique.Where(m => m is { Status: CommentStatus.Approved, Delta: > 0, Quiet: false })
            .GroupBy(m => m.PostId, StringComparer.Ordinal),
            (g, ct) => notifications.PublishedAsync(g.Key, g.Select(m => m.CommentId).ToList(), ct), cancellationToken);
        await InTurnsAsync(unique.GroupBy(m => m.PostId, StringComparer.Ordinal),
            (g, ct) => FinishAsync(g.Key, g.ToList(), ct), cancellationToken);
    }

    /// <summary>Step 2 alone: upserts the derived rows, grouped into batches per partition.</summary>
    public Task WriteDerivedAsync(IEnumerable<ProjectionMarker> markers, CancellationToken cancellationToken) =>
        InTurnsAsync(markers.SelectMany(DerivedRows.For)
            .DistinctBy(r => (r.Table, r.Row.PartitionKey, r.Row.RowKey))
            .GroupBy(r => (r.Table, r.Row.PartitionKey))
            .SelectMany(g => g.Chunk(MaxBatch).Select(chunk => (Table: tables[g.Key.Table], Rows: chunk))),
            (c, ct) => UpsertAsync(c.Table, c.Rows, ct), cancellationToken);

    /// <summary>Runs <paramref name="call"/> for each item, <see cref="CallsInFlight"/> at a time; the first failure ends the step.</summary>
    private static Task InTurnsAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight, CancellationToken = cancellationToken },
            async (item, ct) => await call(item, ct));

    private static async Task UpsertAsync(TableClient table, (string Table, TableEntity Row)[] rows, CancellationToken cancellationToken)
    {
        if (rows.Length == 1)
        {
            await table.UpsertEntityAsync(rows[0].Row, TableUpdateMode.Replace, cancellationToken);
            return;
        }
        await table.SubmitTransactionAsync(
            rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r.Row)), cancellationToken);
    }

    /// <summary>Step 3 for one post: count += deltas, comments flagged as projected, in one transaction per chunk.</summary>
    private async Task FinishAsync(string postId, List<ProjectionMarker> markers, CancellationToken cancellationToken)
    {
        var comments = tables[CommentTables.Comments];
        var pending = markers;
        for (var attempt = 0; pending.Count > 0 && attempt < FinishAttempts; attempt++)
        {
            var chunk = pending.Take(MaxBatch - 1).ToList();
            var actions = new List<TableTransactionAction>(chunk.Count + 1);
            var delta = chunk.Sum(m => m.Delta);
            if (delta != 0)
            {
                actions.Add(_counts.TryGetValue(postId, out var known)
                    ? new(TableTransactionActionType.UpdateMerge, CountRow(postId, known.Approved + delta), known.ETag)
                    : await CountChangeAsync(comments, postId, delta, cancellationToken));
            }
            var firstComment = actions.Count;
            actions.AddRange(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                new TableEntity(postId, m.CommentId) { [nameof(CommentEntity.Projected)] = true }, m.ETag)));
            try
            {
                var responses = (await comments.SubmitTransactionAsync(actions, cancellationToken)).Value;
                pending = pending.Skip(chunk.Count).ToList();
                if (delta != 0 && responses[0].Headers.ETag is { } etag)
                {
                    if (_counts.Count >= MaxCachedCounts)
                    {
                        _counts.Clear();
                    }
                    _counts[postId] = (((TableEntity)actions[0].Entity).GetInt32("Approved") ?? 0, etag);
                }
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412 && e.FailedTransactionActionIndex >= firstComment)
            {
                // A comment changed since it was read (a moderator, or another instance projecting
                // it) or is gone: bring the whole chunk up to date, keeping only what is still due.
                var current = await RefreshAsync(postId, chunk, cancellationToken);
                pending = [.. current, .. pending.Skip(chunk.Count)];
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                _counts.TryRemove(postId, out _);
                // The count changed under us (another POST's projection or a moderation action): read it again.
            }
        }
        if (pending.Count > 0)
        {
            throw new RequestFailedException(503, $"Could not finish the projection of {pending.Count} comments of post {postId}; they stay for a retry.");
        }
    }

    /// <summary>An ETag-guarded change of <c>~count</c> for a transaction (insert when the post has none yet).</summary>
    public static async Task<TableTransactionAction> CountChangeAsync(TableClient comments, string postId, int delta,
        CancellationToken cancellationToken)
    {
        var row = await comments.GetEntityIfExistsAsync<TableEntity>(postId, CommentTables.CountRowKey, select: ["Approved"], cancellationToken);
        if (!row.HasValue)
        {
            return new(TableTransactionActionType.Add, CountRow(postId, delta));
        }
        var current = row.Value!.GetInt32("Approved") ?? 0;
        return new(TableTransactionActionType.UpdateMerge, CountRow(postId, current + delta), row.Value.ETag);
    }

    private static TableEntity CountRow(string postId, int approved) =>
        new(postId, CommentTables.CountRowKey) { ["Approved"] = approved };
}
