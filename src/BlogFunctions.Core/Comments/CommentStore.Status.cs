using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Domain;

namespace BlogFunctions.Core.Comments;

/// <summary>Status changes (moderation).</summary>
internal sealed partial class CommentStore
{
    /// <summary>
    /// Changes the status, guarded by <paramref name="ifMatch"/> when given; null when the comment
    /// does not exist. Conflicting concurrent changes have one winner: the commit is guarded by the
    /// ETag this request read, and a retry that finds another status than the one it first read
    /// throws <see cref="PreconditionFailedException"/> with If-Match, else <see cref="ConflictException"/>
    /// <c>moderation_conflict</c>, rather than overwrite the winner. Finding the target status
    /// already (a repeat, or a concurrent identical action) succeeds. Either way the derived rows converge on the stored status (<see cref="SyncAsync"/>),
    /// never on this request's own view of it.
    /// </summary>
    public async Task<CommentEntity?> SetStatusAsync(string postId, string commentId, string status, ETag? ifMatch,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? first = null;
        CommentEntity? wroteDerived = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var comment = await GetAsync(postId, commentId, cancellationToken);
                if (comment is null || comment.Status == CommentStatus.Deleted)
                {
                    // A tombstone has nothing left to moderate.
                    return null;
                }
                RequireMatch(comment, ifMatch);
                if (comment.Status == status)
                {
                    // Repeating an action repairs what a crash left half done.
                    await SyncAsync(comment, cancellationToken);
                    return comment;
                }
                first ??= comment.Status;
                if (comment.Status != first)
                {
                    // Another moderator's change landed between this request's read and its commit.
                    throw Conflict(comment.Status);
                }
                var delta = Approved(status) - Approved(comment.Status);
                comment.Status = status;
                comment.ModeratedAt = now;
                if (comment.Projected == false)
                {
                    // Not projected yet: this change finishes the projection itself, or the projector's
                    // flag write would change the ETag this answer hands out. The derived rows go first,
                    // so a crash before the commit leaves the flag set for the projector to finish.
                    await projector.WriteDerivedAsync([ProjectionMarker.ForExisting(comment)], cancellationToken);
                    wroteDerived = comment;
                    delta += comment.ProjectionDelta ?? 0;
                    comment.Projected = true;
                }
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, comment, comment.ETag) };
                if (await TryCommitAsync(actions, postId, delta, attempt, cancellationToken) is { } responses)
                {
                    comment.ETag = responses[0].Headers.ETag ?? default;
                    await SyncAsync(comment, cancellationToken);
                    return comment;
                }
            }
        }
        catch (DomainException) when (wroteDerived is not null)
        {
            // The rows written ahead for a status this request did not get must not stay behind.
            await SyncAsync(wroteDerived, CancellationToken.None);
            throw;
        }
    }
}
