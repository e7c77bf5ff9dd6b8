using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Convergence of one comment's derived rows on the comment row as it is stored, whoever else is
/// writing at the same time.
/// </summary>
internal sealed partial class CommentProjector
{
    // Each pass that finds the comment changed follows a commit by another writer, which runs its
    // own convergence afterwards; giving up after a few leaves nothing that writer will not fix.
    private const int ConvergePasses = 8;

    /// <summary>
    /// Makes the index and lookup rows of one comment agree with its row as stored now: reads it,
    /// writes the rows its stored status calls for and deletes the others, then reads it again and
    /// repeats until nothing changed in between (same ETag before and after the writes). Writers that
    /// work from what they read earlier (two moderators, the projector) could otherwise delete each
    /// other's rows or leave a row in the wrong list: a pass whose read was stale always sees the
    /// newer ETag afterwards and makes another pass, so the last write to each row comes from a pass
    /// that read the final state. <paramref name="known"/> is what the caller last saw of the comment
    /// (rows to delete when it has gone; the index key when it is gone at the first read).
    /// </summary>
    public async Task ConvergeAsync(ProjectionMarker known, CancellationToken cancellationToken)
    {
        var written = known;
        for (var pass = 0; pass < ConvergePasses; pass++)
        {
            var (stored, etag) = await ReadAsync(known.PostId, known.CommentId, cancellationToken);
            await Task.WhenAll(WriteDerivedAsync(stored is null ? [] : [stored], cancellationToken),
                DeleteOthersAsync(stored, written, cancellationToken));
            written = stored ?? written;
            var (_, after) = await ReadAsync(known.PostId, known.CommentId, cancellationToken);
            if (after == etag)
            {
                return;
            }
        }
    }

    /// <summary>The index rows of the statuses the comment does not have, and the email row of an address it no longer has.</summary>
    private Task DeleteOthersAsync(ProjectionMarker? stored, ProjectionMarker written, CancellationToken cancellationToken)
    {
        var key = CommentTables.IndexRowKey(written.CreatedAt, written.PostId, written.CommentId);
        var work = CommentStatus.All.Where(s => s != stored?.Status)
            .Select(s => CommentStore.DeleteIfExistsAsync(tables[CommentTables.Index], s, key, cancellationToken))
            .ToList();
        if (written.EmailHash is { } email && email != stored?.EmailHash)
        {
            work.Add(CommentStore.DeleteIfExistsAsync(tables[CommentTables.Lookups], CommentTables.EmailPartition(email),
                CommentTables.EmailRowKey(email, written.PostId, written.CommentId), cancellationToken));
        }
        return Task.WhenAll(work);
    }

    /// <summary>The comment as stored (null when gone) and its ETag (null when gone).</summary>
    private async Task<(ProjectionMarker? Stored, ETag? ETag)> ReadAsync(string postId, string commentId,
        CancellationToken cancellationToken)
    {
        var row = await tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(postId, commentId,
            select: ProjectionMarker.Columns, cancellationToken);
        return row.HasValue ? (ProjectionMarker.FromEntity(row.Value!), row.Value!.ETag) : (null, null);
    }
}
