using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation;

/// <summary>
/// Lists comments by status, newest first across all posts, from the index (never a scan of the
/// comments table). Each row is checked against its comment by point read, which also supplies
/// the current ETag; a row that disagrees is repaired on the spot (see <see cref="CommentStore"/>).
/// </summary>
internal sealed class ModerationList(CommentStore store, CommentReadCache cache,
    CommentProjectionService projections, TimeProvider time)
{
    public const int PageSize = 50;

    // A delete removes the comment before its index rows: an older orphan is what a crash left.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(1);

    public async Task<ModerationPage> ListAsync(string status, string? cursor, CancellationToken cancellationToken)
    {
        var after = PageCursor.Decode(cursor, maxLength: 300);
        // Comments posted on this instance are indexed within milliseconds; a moderator must not miss one.
        await projections.FlushAsync(cancellationToken);
        var (rows, more) = await store.IndexPageAsync(status, after, PageSize, cancellationToken);
        var next = more ? PageCursor.Encode(rows[^1].RowKey) : null;
        var checkedRows = await Task.WhenAll(rows.Select(r => CheckAsync(status, r, cancellationToken)));
        return new ModerationPage(status, checkedRows.OfType<CommentEntity>().Select(ModeratedComment.From).ToList(), next);
    }

    private async Task<CommentEntity?> CheckAsync(string status, IndexRow row, CancellationToken cancellationToken)
    {
        var postId = row.PostId;
        var comment = await store.GetAsync(postId, row.CommentId, cancellationToken);
        if (comment is null)
        {
            if (time.GetUtcNow() - (row.CreatedAt ?? DateTimeOffset.MinValue) > OrphanAge)
            {
                await store.DeleteIndexRowAsync(row, cancellationToken);
            }
            return null;
        }
        if (comment.Status != status)
        {
            // A status change stopped after writing the comment: finish it.
            await store.SyncAsync(comment, cancellationToken);
            cache.Invalidate(postId);
            return null;
        }
        return comment;
    }
}
