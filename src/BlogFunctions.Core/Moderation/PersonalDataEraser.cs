using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Moderation;

/// <summary>
/// GDPR erasure by email address: finds the address's comments through the email index (one
/// partition, no scan), blanks name, email, website and IP hash on each, keeps the text under
/// "[deleted]", then drops the index rows and any known-author rows older versions wrote. Safe to run again.
/// </summary>
internal sealed class PersonalDataEraser(CommentStore store, CommentReadCache cache,
    CommentProjectionService projections, Signer signer)
    : ICommentPersonalDataEraser
{
    public const string ErasedAuthor = "[deleted]";

    public async Task<int> EraseByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (EmailIdentity.Normalize(email).Length == 0)
        {
            return 0;
        }
        var emailHash = signer.EmailHash(email);
        // A comment posted a moment ago on this instance gets its email row within milliseconds: wait for it.
        await projections.FlushAsync(cancellationToken);
        var rows = await store.CommentsOfEmailAsync(emailHash, cancellationToken);
        var changed = 0;
        foreach (var (postId, commentId, _) in rows)
        {
            changed += await EraseCommentAsync(postId, commentId, emailHash, cancellationToken) ? 1 : 0;
        }
        await store.ForgetEmailRowsAsync(emailHash, rows.Select(r => r.RowKey), cancellationToken);
        return changed;
    }

    /// <summary>Blanks one comment's personal fields; a comment changed meanwhile is read again.</summary>
    private async Task<bool> EraseCommentAsync(string postId, string commentId, string emailHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var comment = await store.GetAsync(postId, commentId, cancellationToken);
            if (comment is null || comment.EmailHash != emailHash)
            {
                return false;
            }
            comment.Author = ErasedAuthor;
            comment.AuthorHash = null;
            comment.Email = null;
            comment.EmailHash = null;
            comment.Website = null;
            comment.IpHash = null;
            comment.Avatar = signer.Hash("avatar", ErasedAuthor);
            if (await store.TryReplaceAsync(comment, cancellationToken))
            {
                cache.Invalidate(comment.PostId);
                return true;
            }
        }
        throw new InvalidOperationException($"Comment {postId}/{commentId} kept changing while it was being erased.");
    }
}
