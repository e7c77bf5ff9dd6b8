using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// The authorToken: what makes a commenter a known author in FirstTime mode. A name and an email
/// prove nothing (anyone can type them); this token can only come from the POST answer to the
/// author's own comment. It is HMAC-signed under its own purpose (so no form, unsubscribe or
/// moderation token verifies as one) over "postId|commentId|emailHash|authorHash": no address in
/// it, only the keyed hashes the comment row already holds.
/// </summary>
/// <remarks>
/// No expiry: the token counts only while the comment it names is approved now and still carries
/// the same hashes, so rejecting, marking as spam or deleting that comment, or erasing the address,
/// revokes it; rotating <c>Security:SigningKey</c> revokes them all. A token that fails any check
/// is treated as absent: the comment is screened as a first-timer's, and the answer reveals nothing.
/// </remarks>
internal sealed class AuthorTokens(Signer signer, CommentStore store)
{
    public const string Purpose = "comment-author";

    /// <summary>The token for a just-stored comment, or null when it has no email (nothing to recognise it by).</summary>
    public string? Issue(CommentEntity comment) =>
        comment.EmailHash is { } email && comment.AuthorHash is { } author
            ? signer.Sign(Purpose, string.Join('|', comment.PostId, comment.Id, email, author))
            : null;

    /// <summary>
    /// Whether <paramref name="token"/> proves its bearer is the author whose name and address hash
    /// to these values: it verifies (constant time), binds the same hashes, and names a comment that
    /// is approved now with them (one point read, only for a token that passed the other checks).
    /// </summary>
    public async Task<bool> ProvesAsync(string? token, string emailHash, string authorHash, CancellationToken cancellationToken)
    {
        var parts = signer.Verify(Purpose, token)?.Split('|');
        // The hashes are public to the bearer (the payload is only signed, not encrypted), so an
        // ordinary comparison leaks nothing.
        if (parts is not [var postId, var commentId, var signedEmail, var signedAuthor]
            || signedEmail != emailHash || signedAuthor != authorHash
            || !CommentIds.IsValidPostId(postId) || !CommentIds.IsValid(commentId))
        {
            return false;
        }
        var named = await store.GetAuthorshipAsync(postId, commentId, cancellationToken);
        return named is { Status: CommentStatus.Approved } && named.EmailHash == emailHash && named.AuthorHash == authorHash;
    }
}
