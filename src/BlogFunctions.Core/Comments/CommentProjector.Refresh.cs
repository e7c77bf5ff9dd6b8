using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>Markers held past a conflict or a failed attempt, brought up to date with storage.</summary>
internal sealed partial class CommentProjector
{
    private const int ParallelConvergences = 8;

    /// <summary>
    /// Which of one post's <paramref name="markers"/> are still due, each under its current ETag, from
    /// ONE range query over their ids. A batch retried after part of it was finished, or a flag write
    /// that lost to another instance, would otherwise cost a failed transaction and a read per stale
    /// marker, and more of them than the finish attempts allow would never end. The markers someone
    /// else finished or deleted meanwhile are left out; where that writer stored a different status or
    /// address than the marker says, rows written from the marker may have landed after theirs, so
    /// those comments are converged on what is stored.
    /// </summary>
    public async Task<List<ProjectionMarker>> RefreshAsync(string postId, IReadOnlyCollection<ProjectionMarker> markers,
        CancellationToken cancellationToken)
    {
        if (markers.Count == 0)
        {
            return [];
        }
        var ids = markers.Select(m => m.CommentId).Order(StringComparer.Ordinal).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {postId} and RowKey ge {ids[0]} and RowKey le {ids[^1]}");
        var stored = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(filter, maxPerPage: 1000,
            select: ["RowKey", "Status", "EmailHash", nameof(CommentEntity.Projected)], cancellationToken: cancellationToken))
        {
            stored[row.RowKey] = row;
        }
        var due = new List<ProjectionMarker>();
        var changed = new List<ProjectionMarker>();
        foreach (var marker in markers)
        {
            if (!stored.TryGetValue(marker.CommentId, out var row))
            {
                changed.Add(marker); // deleted: the rows written from the marker go too
            }
            else if (row.GetBoolean(nameof(CommentEntity.Projected)) == false)
            {
                due.Add(marker with { ETag = row.ETag });
            }
            else if (row.GetString("Status") != marker.Status || row.GetString("EmailHash") != marker.EmailHash)
            {
                changed.Add(marker);
            }
        }
        await Parallel.ForEachAsync(changed,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelConvergences, CancellationToken = cancellationToken },
            async (marker, ct) => await ConvergeAsync(marker, ct));
        return due;
    }
}
