namespace BlogFunctions.Core.Comments;

// What the comments feature offers other features (moderation, its digest, erasure): the only
// comment types they use besides the store.

/// <summary>What a moderator can do to a comment, from the API or a signed email link.</summary>
internal enum ModerationAction
{
    Approve,
    Reject,
    Spam,
}

/// <summary>A comment that screening held for moderation (never one screened as spam).</summary>
internal sealed record HeldComment(
    string PostId,
    string CommentId,
    string Author,
    string? Email,
    string? Website,
    string BodyMarkdown,
    IReadOnlyList<string> Reasons,
    DateTimeOffset CreatedAt);

/// <summary>
/// Told after a held comment is durably stored. The comments feature registers a no-op; the
/// newsletter feature replaces it to email moderators. Must not throw for delivery problems:
/// the comment is already accepted.
/// </summary>
internal interface ICommentHeldNotifier
{
    Task CommentHeldAsync(HeldComment comment, CancellationToken cancellationToken);
}

/// <summary>Applies a moderation action outside the HTTP API (signed one-click email links).</summary>
internal interface ICommentModeration
{
    /// <returns>False when the comment does not exist.</returns>
    /// <exception cref="Domain.ConflictException"><c>moderation_conflict</c> when a concurrent change to another status won.</exception>
    Task<bool> ApplyAsync(string postId, string commentId, ModerationAction action, CancellationToken cancellationToken);
}

/// <summary>GDPR erasure: removes name, email, website and IP hash from every comment of an address.</summary>
internal interface ICommentPersonalDataEraser
{
    /// <returns>How many comments were changed.</returns>
    Task<int> EraseByEmailAsync(string email, CancellationToken cancellationToken);
}
