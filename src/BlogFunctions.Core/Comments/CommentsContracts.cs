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

/// <summary>What a commenter asked to hear about (the POST's <c>notify</c>).</summary>
internal static class CommentNotify
{
    public const string None = "none";

    /// <summary>Replies to this comment, once approved.</summary>
    public const string Replies = "replies";

    /// <summary>Every newly approved comment on the post.</summary>
    public const string Post = "post";

    public static bool IsValid(string? value) => value is None or Replies or Post;
}

/// <summary>A stored comment whose author asked for notifications (never one screened as spam).</summary>
internal sealed record NotifyRequest(string PostId, string CommentId, string Email, string EmailHash, string Notify);

/// <summary>
/// Told about the comment events readers can be notified of. The comments feature registers a
/// no-op; the notifications feature replaces it. <see cref="PublishedAsync"/> throws when it cannot
/// queue the work, so that its caller (the projector, a moderator's approval) is retried and the
/// notification is not lost; the work it queues is idempotent.
/// </summary>
internal interface ICommentNotifications
{
    /// <summary>After the comment of <paramref name="request"/> is durably stored; must not throw for delivery problems.</summary>
    Task RequestedAsync(NotifyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// After comments of one post became approved: published at once (when projected, a batch at a
    /// time) or approved by a moderator (one).
    /// </summary>
    Task PublishedAsync(string postId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken);

    /// <summary>
    /// Before a moderator's approval is written: queues the same work a while later, so that an
    /// approval whose <see cref="PublishedAsync"/> then fails is still notified (the moderation UI
    /// retries with its old ETag and would not queue again). The work finds nothing to do when the
    /// approval did not happen, or was already handled.
    /// </summary>
    Task ApprovingAsync(string postId, string commentId, CancellationToken cancellationToken);
}

/// <summary>The default: nobody is notified.</summary>
internal sealed class NoCommentNotifications : ICommentNotifications
{
    public Task RequestedAsync(NotifyRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishedAsync(string postId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ApprovingAsync(string postId, string commentId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What became of a comment, for whoever watches from outside (webhooks).</summary>
internal enum CommentEvent
{
    /// <summary>Screening held it for a moderator.</summary>
    Held,

    /// <summary>Published at once: screening passed it and the mode asked for no moderation.</summary>
    Published,

    /// <summary>A moderator approved it.</summary>
    Approved,

    /// <summary>Screened as spam, or marked spam by a moderator.</summary>
    Spam,
}

/// <summary>
/// Told after a comment's new status is durably stored. The comments feature registers a no-op; the
/// webhooks feature replaces it. Must not throw and must not wait on anyone outside: the request
/// that changed the comment has already succeeded.
/// </summary>
internal interface ICommentEvents
{
    Task RaiseAsync(CommentEvent kind, CommentEntity comment, CancellationToken cancellationToken);
}

/// <summary>The default: nobody watches.</summary>
internal sealed class NoCommentEvents : ICommentEvents
{
    public Task RaiseAsync(CommentEvent kind, CommentEntity comment, CancellationToken cancellationToken) => Task.CompletedTask;
}
