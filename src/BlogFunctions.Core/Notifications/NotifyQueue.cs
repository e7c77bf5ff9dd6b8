using System.ComponentModel.DataAnnotations;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Notifications;

/// <summary>Settings of reader notifications (section <see cref="Section"/>).</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Approvals within this many seconds of a recipient's first pending notification become one email.</summary>
    [Range(0, 86_400)]
    public int DelaySeconds { get; set; } = 300;

    public TimeSpan Delay => TimeSpan.FromSeconds(DelaySeconds);
}

/// <summary>Puts notification work on <see cref="WorkQueues.Notifications"/>; every message is handled by <see cref="NotifyWork"/>.</summary>
internal sealed class NotifyQueue(WorkQueueClient queue, IOptionsMonitor<NotificationsOptions> options)
{
    /// <summary>
    /// The most comment ids in one "published" message: ids are 21 characters, so 100 of them stay
    /// far below the queue's 64 KB, and the fan-out of one message stays short.
    /// </summary>
    public const int MaxCommentsPerMessage = 100;

    /// <summary>Comments of a post became approved: find who to tell. Throws when it cannot be queued (the caller is retried).</summary>
    public Task PublishedAsync(string postId, IReadOnlyList<string> commentIds, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(new NotifyMessage(NotifyMessage.Published, PostId: postId, CommentIds: commentIds), delay, cancellationToken);

    /// <summary>Send the address its confirmation link.</summary>
    public Task ConfirmAsync(string emailHash, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(new NotifyMessage(NotifyMessage.Confirm, EmailHash: emailHash), delay, cancellationToken);

    /// <summary>Send a batch when it is due: <paramref name="delay"/> from now, the batching delay when null.</summary>
    public Task SendBatchAsync(string emailHash, string batchId, TimeSpan? delay, CancellationToken cancellationToken) =>
        SendAsync(new NotifyMessage(NotifyMessage.Send, EmailHash: emailHash, BatchId: batchId),
            delay ?? options.CurrentValue.Delay, cancellationToken);

    private Task SendAsync(NotifyMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        queue.SendAsync(WorkQueues.Notifications, message, NotifyJson.Default.NotifyMessage,
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay > WorkQueueClient.MaxDelay ? WorkQueueClient.MaxDelay : delay, cancellationToken);
}
