using BlogFunctions.Core.Comments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// An approved comment, told to whoever asked: the author of the comment it answers (replies),
/// every follower of the post, and its own author when a moderator approved it ("your comment is
/// live"). Never the comment's own address for replies or follows. One partition read finds them
/// all; each recipient's notification joins their open batch exactly once (see
/// <see cref="NotifyStore.AddItemAsync"/>), and a new batch gets its send message, due after
/// Notifications:DelaySeconds. A redelivered message adds nothing and only re-queues the send.
/// </summary>
internal sealed partial class NotifyFanOut(CommentStore comments, NotifyStore store, NotifyQueue queue,
    IOptionsMonitor<NotificationsOptions> options, TimeProvider time, ILogger<NotifyFanOut> logger)
{
    private const int ParallelRecipients = 8;

    /// <summary>Fans out each of <paramref name="commentIds"/> (one post's), reading the post's subscriptions once.</summary>
    public async Task HandleAsync(string postId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken)
    {
        var loaded = new CommentEntity?[commentIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, commentIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelRecipients, CancellationToken = cancellationToken },
            async (i, ct) => loaded[i] = await comments.GetAsync(postId, commentIds[i], ct));
        // Moderated again since, or deleted: nothing to tell.
        var approved = loaded.Where(c => c?.Status == CommentStatus.Approved).Select(c => c!).ToList();
        if (approved.Count == 0)
        {
            return;
        }
        var subscriptions = await store.PostSubscriptionsAsync(postId, cancellationToken);
        // One comment after the other: two of them for the same reader would race for the same open batch.
        foreach (var comment in approved)
        {
            await NotifyAsync(comment, Recipients(comment, subscriptions), cancellationToken);
        }
    }

    private async Task NotifyAsync(CommentEntity comment, Dictionary<string, NotifyItem> recipients, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A batch still open this long after its first item lost its send message (poisoned, or never queued).
        var openFor = options.CurrentValue.Delay + NotifyBatchSender.ClaimTimeout;
        await Parallel.ForEachAsync(recipients, new ParallelOptions { MaxDegreeOfParallelism = ParallelRecipients, CancellationToken = cancellationToken },
            async (r, ct) =>
            {
                var added = await store.AddItemAsync(r.Key, r.Value, now, openFor, ct);
                if (added.Overdue is { } overdue)
                {
                    await queue.SendBatchAsync(r.Key, overdue, TimeSpan.Zero, ct);
                }
                if (added.Outcome == AddItemOutcome.NewBatch)
                {
                    await queue.SendBatchAsync(r.Key, added.BatchId!, null, ct);
                }
                else if (added is { Outcome: AddItemOutcome.AlreadyBatched, BatchId: { } batch })
                {
                    // This is a retry: the run before may have died before queuing the send. A send
                    // message too many finds the batch sent (and ends), or not due (and waits).
                    await queue.SendBatchAsync(r.Key, batch, null, ct);
                }
            });
        LogFannedOut(logger, comment.PostId, comment.Id, recipients.Count);
    }

    /// <summary>Who hears of <paramref name="comment"/>, and as what: a reply beats a follow of the same post.</summary>
    public static Dictionary<string, NotifyItem> Recipients(CommentEntity comment, IEnumerable<SubscriptionRow> subscriptions)
    {
        var recipients = new Dictionary<string, NotifyItem>(StringComparer.Ordinal);
        foreach (var s in subscriptions.OrderBy(s => s.CommentId is not null))
        {
            if (s.EmailHash == comment.EmailHash)
            {
                continue; // nobody is told about their own comments
            }
            if (s.CommentId is null)
            {
                recipients[s.EmailHash] = new NotifyItem(NotifyKind.Post, comment.PostId, comment.Id, NotifyKeys.WholePost);
            }
            else if (s.CommentId == comment.ParentId)
            {
                recipients[s.EmailHash] = new NotifyItem(NotifyKind.Reply, comment.PostId, comment.Id, s.CommentId);
            }
        }
        // ProjectionDelta 1 marks a comment published at once: it was never held, so it never "goes live".
        if (comment is { ModeratedAt: not null, Notify: not null, EmailHash: { } own } && comment.ProjectionDelta != 1)
        {
            // Held, then approved by a moderator: its author asked to hear about it, and hears that it is live.
            recipients[own] = new NotifyItem(NotifyKind.Live, comment.PostId, comment.Id);
        }
        return recipients;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Comment {PostId}/{CommentId} approved: {Recipients} recipient(s) to notify")]
    private static partial void LogFannedOut(ILogger logger, string postId, string commentId, int recipients);
}
