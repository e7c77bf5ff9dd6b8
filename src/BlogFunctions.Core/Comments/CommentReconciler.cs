using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>What one reconcile pass found and repaired.</summary>
internal sealed record ReconcileResult(int Comments, int IndexRepaired, int OrphansRemoved, int CountsFixed);

/// <summary>
/// The full check of the derived rows, for what the on-the-spot repairs cannot see: a comment
/// missing from every moderation list is never met by a list, and a wrong count is met by nobody.
/// Reads the whole index and the whole comments table (selected columns, pages of 1,000), so it
/// runs rarely (the hourly sweep) or when a moderator asks. Every repair goes
/// through the same guarded paths as live writes, so it is safe beside them:
/// <list type="bullet">
/// <item>A projected comment whose index rows are not exactly the one of its status, and an index
/// row without a comment, get <see cref="CommentProjector.ConvergeAsync"/> (which reads again first).
/// Unprojected comments are the projector's.</item>
/// <item>A post whose count differs from its projected approved comments is counted again by
/// <see cref="FixCountAsync"/>.</item>
/// </list>
/// </summary>
internal sealed partial class CommentReconciler(BlogTables tables, CommentProjector projector)
{
    private const int Concurrency = 8;

    public async Task<ReconcileResult> RunAsync(CancellationToken cancellationToken)
    {
        // The index first: a row written after this read belongs to a comment the scan below sees too.
        var index = new Dictionary<string, (List<string> Statuses, TableEntity Row)>(StringComparer.Ordinal);
        await foreach (var row in tables[CommentTables.Index].QueryAsync<TableEntity>(maxPerPage: 1000,
            select: ["PartitionKey", "RowKey", "PostId", "CommentId", "CreatedAt"], cancellationToken: cancellationToken))
        {
            if (!index.TryGetValue(row.RowKey, out var entry))
            {
                index[row.RowKey] = entry = ([], row);
            }
            entry.Statuses.Add(row.PartitionKey);
        }
        var repair = new List<ProjectionMarker>();
        var counts = new Dictionary<string, (int Stored, int Counted)>(StringComparer.Ordinal);
        var scanned = 0;
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(maxPerPage: 1000,
            select: [.. ProjectionMarker.Columns, nameof(CommentEntity.Projected), "Approved"], cancellationToken: cancellationToken))
        {
            var post = counts.GetValueOrDefault(row.PartitionKey);
            if (row.RowKey == CommentTables.CountRowKey)
            {
                counts[row.PartitionKey] = post with { Stored = row.GetInt32("Approved") ?? 0 };
                continue;
            }
            if (ProjectionMarker.FromEntity(row) is not { } comment)
            {
                continue; // a body fingerprint
            }
            scanned++;
            var key = CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.CommentId);
            var statuses = index.Remove(key, out var found) ? found.Statuses : [];
            if (row.GetBoolean(nameof(CommentEntity.Projected)) == false)
            {
                continue;
            }
            counts[row.PartitionKey] = post with { Counted = post.Counted + (comment.Status == CommentStatus.Approved ? 1 : 0) };
            var expected = CommentStatus.IsValid(comment.Status) ? 1 : 0;
            if (statuses.Count != expected || (expected == 1 && statuses[0] != comment.Status))
            {
                repair.Add(comment);
            }
        }
        // Index rows whose comment the scan did not find: gone, unless a read says otherwise.
        var orphans = index.Values.Select(v => new ProjectionMarker(v.Row.GetString("PostId") ?? "", v.Row.GetString("CommentId") ?? "",
            v.Statuses[0], v.Row.GetDateTimeOffset("CreatedAt") ?? default, null, 0, default))
            .Where(m => CommentIds.IsValidPostId(m.PostId) && CommentIds.IsValid(m.CommentId)).ToList();
        await Parallel.ForEachAsync(repair.Concat(orphans), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            (m, ct) => new ValueTask(projector.ConvergeAsync(m, ct)));
        var fixedCounts = 0;
        foreach (var postId in counts.Where(c => c.Value.Stored != c.Value.Counted).Select(c => c.Key))
        {
            fixedCounts += await FixCountAsync(postId, cancellationToken) ? 1 : 0;
        }
        return new ReconcileResult(scanned, repair.Count, orphans.Count, fixedCounts);
    }

    /// <summary>
    /// Sets the post's count to its projected approved comments, written with the ETag the count
    /// had before they were read. Every change of that sum (a status change, a delete, a projection
    /// of an approved comment) writes the count row in its own transaction, so if the write goes
    /// through, nothing the sum depends on changed while it was taken; otherwise the next pass looks again.
    /// </summary>
    public async Task<bool> FixCountAsync(string postId, CancellationToken cancellationToken)
    {
        var comments = tables[CommentTables.Comments];
        var count = await comments.GetEntityIfExistsAsync<TableEntity>(postId, CommentTables.CountRowKey, select: ["Approved"], cancellationToken);
        var approved = 0;
        await foreach (var row in comments.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {postId} and RowKey lt {CommentTables.AuxPrefix}"),
            maxPerPage: 1000, select: ["Status", nameof(CommentEntity.Projected)], cancellationToken: cancellationToken))
        {
            approved += row.GetString("Status") == CommentStatus.Approved && row.GetBoolean(nameof(CommentEntity.Projected)) != false ? 1 : 0;
        }
        var stored = count.HasValue ? count.Value!.GetInt32("Approved") ?? 0 : 0;
        if (stored == approved)
        {
            return false;
        }
        var entity = new TableEntity(postId, CommentTables.CountRowKey) { ["Approved"] = approved };
        try
        {
            await (count.HasValue
                ? comments.UpdateEntityAsync(entity, count.Value!.ETag, TableUpdateMode.Merge, cancellationToken)
                : comments.AddEntityAsync(entity, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
