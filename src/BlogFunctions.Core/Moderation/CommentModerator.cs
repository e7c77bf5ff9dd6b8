using Azure;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Moderation;

/// <summary>Applies moderation actions (API and signed email links) and keeps the public cache in step.</summary>
internal sealed class CommentModerator(CommentStore store, CommentReadCache cache, ICommentNotifications notifications,
    ICommentEvents events, TimeProvider time)
    : ICommentModeration
{
    public async Task<CommentEntity?> ApplyAsync(string postId, string commentId, ModerationAction action, ETag? ifMatch,
        CancellationToken cancellationToken)
    {
        if (action == ModerationAction.Approve)
        {
            await notifications.ApprovingAsync(postId, commentId, cancellationToken);
        }
        var comment = await store.SetStatusAsync(postId, commentId, CommentStatus.From(action), ifMatch, time.GetUtcNow(), cancellationToken);
        if (comment is not null)
        {
            cache.Invalidate(postId);
        }
        if (comment?.Status == CommentStatus.Approved)
        {
            // At once; if this throws, the message queued before the write does the work a minute later.
            await notifications.PublishedAsync(postId, [commentId], cancellationToken);
        }
        if (comment?.Status is CommentStatus.Approved or CommentStatus.Spam)
        {
            // A repeated action finds the status unchanged and raises the same event again: its id is
            // derived from the comment and the event, so receivers see one event.
            await events.RaiseAsync(comment.Status == CommentStatus.Approved ? CommentEvent.Approved : CommentEvent.Spam, comment,
                cancellationToken);
        }
        return comment;
    }

    public async Task<bool> DeleteAsync(string postId, string commentId, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(postId, commentId, ifMatch, time.GetUtcNow(), cancellationToken);
        cache.Invalidate(postId);
        return deleted;
    }

    async Task<bool> ICommentModeration.ApplyAsync(string postId, string commentId, ModerationAction action,
        CancellationToken cancellationToken) =>
        CommentIds.IsValidPostId(postId) && CommentIds.IsValid(commentId)
        && await ApplyAsync(postId, commentId, action, null, cancellationToken) is not null;
}
