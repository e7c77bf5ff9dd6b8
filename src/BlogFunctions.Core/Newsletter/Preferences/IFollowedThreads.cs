namespace BlogFunctions.Core.Newsletter.Preferences;

/// <summary>A comment thread the reader follows, as the preference page lists it.</summary>
/// <param name="PostId">The post the thread is on.</param>
/// <param name="CommentId">The followed comment, or null for the whole post's comments.</param>
/// <param name="Title">What the page shows (plain text; the page encodes it).</param>
/// <param name="UnfollowUrl">Where the page's "Unfollow" link leads (absolute http(s), or a path on this API).</param>
internal sealed record FollowedThread(string PostId, string? CommentId, string Title, string UnfollowUrl);

/// <summary>
/// The threads a reader follows, as the preference page needs them. Defined here, by its consumer;
/// the comment notifications implement it (registered before or after the newsletter's services:
/// the newsletter only adds <see cref="NoFollowedThreads"/> when nothing else is registered).
/// </summary>
internal interface IFollowedThreads
{
    /// <summary>The threads followed by the address with this email hash (the subscriber's RowKey).</summary>
    Task<IReadOnlyList<FollowedThread>> ForAsync(string emailHash, CancellationToken cancellationToken);

    /// <summary>Drops every notification subscription of that address ("unsubscribe from all").</summary>
    Task UnfollowAllAsync(string emailHash, CancellationToken cancellationToken);
}

/// <summary>Until notifications exist: nobody follows anything, and there is nothing to drop.</summary>
internal sealed class NoFollowedThreads : IFollowedThreads
{
    public Task<IReadOnlyList<FollowedThread>> ForAsync(string emailHash, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FollowedThread>>([]);

    public Task UnfollowAllAsync(string emailHash, CancellationToken cancellationToken) => Task.CompletedTask;
}
