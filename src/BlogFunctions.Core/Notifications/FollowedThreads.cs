using BlogFunctions.Core.Newsletter.Preferences;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// The newsletter preference page's "followed threads": the address's notification subscriptions,
/// each with its own unsubscribe link (a page whose button ends it), and "unsubscribe from all".
/// </summary>
internal sealed class FollowedThreads(NotifyStore store, NotifyLinks links, TimeProvider time) : IFollowedThreads
{
    public async Task<IReadOnlyList<FollowedThread>> ForAsync(string emailHash, CancellationToken cancellationToken) =>
        [.. (await store.SubscriptionsOfAsync(emailHash, cancellationToken)).OrderBy(s => s.CreatedAt).Select(s => new FollowedThread(
            s.PostId, s.CommentId,
            s.CommentId is null ? $"Every new comment on {s.PostId}" : $"Replies to your comment on {s.PostId}",
            links.UnsubscribeUrl(emailHash, s.PostId, s.CommentId)))];

    /// <summary>Also withdraws the address's verification, as the notification emails' own "all" link does.</summary>
    public Task UnfollowAllAsync(string emailHash, CancellationToken cancellationToken) =>
        store.OptOutAsync(emailHash, time.GetUtcNow(), cancellationToken);
}
