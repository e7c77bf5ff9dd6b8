using Azure;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Newsletter.Subscribers;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// The comments feature's events, as reader notifications see them. A sign-up records the
/// subscription and, for an address that has not proved it reads its inbox, queues one
/// confirmation (at most one per <see cref="ConfirmationSender.Interval"/>); a confirmed
/// newsletter subscriber's address counts as proved. An approval queues the fan-out.
/// </summary>
internal sealed partial class CommentNotifications(NotifyStore store, SubscriberStore subscribers, NotifyQueue queue, TimeProvider time,
    ILogger<CommentNotifications> logger)
    : ICommentNotifications
{
    public async Task RequestedAsync(NotifyRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var commentId = request.Notify == CommentNotify.Replies ? request.CommentId : null;
        var address = await store.SubscribeAsync(request.EmailHash, request.Email, request.PostId, commentId, now, cancellationToken);
        if (address.VerifiedAt is not null)
        {
            return;
        }
        // Not after "unsubscribe from all": only its owner's click on a new confirmation undoes that.
        if (address.OptedOutAt is null && (await subscribers.GetAsync(request.EmailHash, cancellationToken))?.Status == SubscriberStatus.Active)
        {
            address.VerifiedAt = now;
            address.VerifiedBy = "newsletter";
            if (await store.TryReplaceAsync(address, cancellationToken))
            {
                return;
            }
        }
        if (address.ConfirmationSentAt is not { } sent || sent + ConfirmationSender.IntervalFor(address) <= now)
        {
            await queue.ConfirmAsync(request.EmailHash, TimeSpan.Zero, cancellationToken);
        }
    }

    public Task PublishedAsync(string postId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken) =>
        Task.WhenAll(commentIds.Chunk(NotifyQueue.MaxCommentsPerMessage)
            .Select(chunk => QueueOrDeferAsync(postId, chunk, TimeSpan.Zero, cancellationToken)));

    public Task ApprovingAsync(string postId, string commentId, CancellationToken cancellationToken) =>
        QueueOrDeferAsync(postId, [commentId], SafetyDelay, cancellationToken);

    private async Task QueueOrDeferAsync(string postId, string[] commentIds, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await queue.PublishedAsync(postId, commentIds, delay, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or TimeoutException or HttpRequestException
                                  or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The queue is out, the tables are not (the caller just wrote the comment, or is about to
            // approve it): keep the work in a row the hourly sweep queues, rather than hold up the
            // projection (and every read that waits for it) or the moderator until the queue is back.
            // Throws only when that write fails too.
            await store.DeferPublishedAsync(postId, commentIds, time.GetUtcNow(), cancellationToken);
            LogDeferred(logger, e, postId, commentIds.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification work for {Count} comment(s) of post {PostId} could not be queued; the hourly sweep queues it")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string postId, int count);

    /// <summary>When the message queued before an approval runs: long after the approval's own message has done the work.</summary>
    public static readonly TimeSpan SafetyDelay = TimeSpan.FromMinutes(1);
}
