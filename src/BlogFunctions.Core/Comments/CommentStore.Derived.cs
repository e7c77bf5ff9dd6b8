using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>The derived rows (moderation index, lookups) and the reads of counts and lookups.</summary>
internal sealed partial class CommentStore
{
    /// <summary>
    /// Makes the index and lookup rows agree with the comment as stored now (not with
    /// <paramref name="comment"/>, which may be stale already); see <see cref="CommentProjector.ConvergeAsync"/>.
    /// </summary>
    public Task SyncAsync(CommentEntity comment, CancellationToken cancellationToken) =>
        projector.ConvergeAsync(ProjectionMarker.ForExisting(comment), cancellationToken);

    /// <summary>The post's approved comments, from its <c>~count</c> row (one point read).</summary>
    public async Task<int> GetCountAsync(string postId, CancellationToken cancellationToken)
    {
        var row = await Comments.GetEntityIfExistsAsync<TableEntity>(postId, CommentTables.CountRowKey, select: ["Approved"], cancellationToken);
        // Deltas commute, so a moderation action can land before the projection it follows: never show that as negative.
        return row.HasValue ? Math.Max(0, row.Value!.GetInt32("Approved") ?? 0) : 0;
    }

    /// <summary>Status and the name and email hashes of one comment (a point read of three columns), or null.</summary>
    public async Task<CommentEntity?> GetAuthorshipAsync(string postId, string commentId, CancellationToken cancellationToken)
    {
        var row = await Comments.GetEntityIfExistsAsync<CommentEntity>(postId, commentId,
            select: [nameof(CommentEntity.Status), nameof(CommentEntity.EmailHash), nameof(CommentEntity.AuthorHash)], cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    internal static async Task DeleteIfExistsAsync(TableClient table, string pk, string rk, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(pk, rk, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "TableNotFound")
        {
        }
    }
}
