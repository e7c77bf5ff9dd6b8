using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>Deleting: hard delete, or a tombstone when replies hang on the comment.</summary>
internal sealed partial class CommentStore
{
    /// <summary>
    /// Deletes a comment and what derives from it; false when it does not exist. A comment with
    /// approved or pending replies becomes a tombstone (<see cref="CommentStatus.Deleted"/>): its
    /// text and every personal field are erased in the same transaction that takes it out of the
    /// count, and the public list keeps its place so the replies keep their thread. Deleting a
    /// tombstone whose replies are all gone removes it for good.
    /// </summary>
    public async Task<bool> DeleteAsync(string postId, string commentId, ETag? ifMatch, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var comment = await GetAsync(postId, commentId, cancellationToken);
            if (comment is null)
            {
                return false;
            }
            RequireMatch(comment, ifMatch);
            // An unprojected comment's own +1 is owed still: the projector skips a comment that is gone.
            var delta = -Approved(comment.Status) + (comment.Projected == false ? comment.ProjectionDelta ?? 0 : 0);
            var derived = ProjectionMarker.ForExisting(comment);
            var keep = await HasLiveRepliesAsync(postId, commentId, cancellationToken);
            if (keep && comment.Status == CommentStatus.Deleted)
            {
                return true;
            }
            List<TableTransactionAction> actions = keep
                ? [new(TableTransactionActionType.UpdateReplace, Tombstone(comment, now), comment.ETag)]
                : [new(TableTransactionActionType.Delete, comment, comment.ETag)];
            if (await TryCommitAsync(actions, postId, delta, attempt, cancellationToken) is not null)
            {
                await DeleteDerivedAsync(derived, cancellationToken);
                return true;
            }
        }
    }

    /// <summary>Whether an approved or held reply points at the comment (replies are newer, so the scan starts after it).</summary>
    private async Task<bool> HasLiveRepliesAsync(string postId, string commentId, CancellationToken cancellationToken)
    {
        await foreach (var _ in Comments.QueryAsync<TableEntity>(
            r => r.PartitionKey == postId && r.RowKey.CompareTo(commentId) > 0 && r.RowKey.CompareTo(CommentTables.AuxPrefix) < 0
                && r.GetString("ParentId") == commentId
                && (r.GetString("Status") == CommentStatus.Approved || r.GetString("Status") == CommentStatus.Pending),
            maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }

    private static CommentEntity Tombstone(CommentEntity comment, DateTimeOffset now) => new()
    {
        PartitionKey = comment.PartitionKey,
        RowKey = comment.RowKey,
        ParentId = comment.ParentId,
        Status = CommentStatus.Deleted,
        CreatedAt = comment.CreatedAt,
        ModeratedAt = now,
    };

    private async Task DeleteDerivedAsync(ProjectionMarker comment, CancellationToken cancellationToken)
    {
        var work = CommentStatus.All
            .Select(s => DeleteIfExistsAsync(Index, s, CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.CommentId), cancellationToken))
            .ToList();
        if (comment.EmailHash is not null)
        {
            work.Add(DeleteIfExistsAsync(Lookups, CommentTables.EmailPartition(comment.EmailHash),
                CommentTables.EmailRowKey(comment.EmailHash, comment.PostId, comment.CommentId), cancellationToken));
        }
        await Task.WhenAll(work);
    }
}
