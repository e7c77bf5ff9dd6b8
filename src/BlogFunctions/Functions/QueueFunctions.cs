using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Imports;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Notifications;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

// Work that follows an event: one queue trigger per work queue (AzureWebJobsStorage, host.json extensions.queues).
// A throw hands the message back to the host: retried after visibilityTimeout, poison after maxDequeueCount.
internal sealed class QueueFunctions(CommentProjectionWork projection, ModerationDigestWork digest, NewsletterSteps newsletter,
    NotifyWork notifications, WebhookDelivery webhooks, ImportWork imports)
{
    [Function("CommentProjectionQueue")]
    public Task Project([QueueTrigger(WorkQueues.Projection)] string message, CancellationToken ct) => projection.HandleAsync(message, ct);

    [Function("ModerationDigestQueue")]
    public Task Digest([QueueTrigger(WorkQueues.Digest)] string message, CancellationToken ct) => digest.HandleAsync(message, ct);

    [Function("NewsletterQueue")]
    public Task Newsletter([QueueTrigger(WorkQueues.Newsletter)] string message, CancellationToken ct) => newsletter.HandleAsync(message, ct);

    [Function("ReaderNotificationsQueue")]
    public Task Notifications([QueueTrigger(WorkQueues.Notifications)] string message, CancellationToken ct) => notifications.HandleAsync(message, ct);

    [Function("WebhooksQueue")]
    public Task Webhooks([QueueTrigger(WorkQueues.Webhooks)] string message, CancellationToken ct) => webhooks.HandleAsync(message, ct);

    [Function("CommentImportsQueue")]
    public Task Imports([QueueTrigger(WorkQueues.Imports)] string message, CancellationToken ct) => imports.HandleAsync(message, ct);
}
