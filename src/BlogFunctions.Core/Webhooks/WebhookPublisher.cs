using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Newsletter;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// Records events for delivery: one queue message per endpoint that wants the event, and nothing
/// else, so the request that caused it pays one queue write per endpoint and never waits on a
/// receiver (<see cref="WebhookDelivery"/> POSTs later). With no endpoint configured nothing is
/// built or queued. A failed queue write is logged, not thrown: the change it reports is stored.
/// </summary>
internal sealed partial class WebhookPublisher(WorkQueueClient queue, WebhookEventFactory factory, IOptionsMonitor<WebhooksOptions> options,
    ILogger<WebhookPublisher> logger) : ICommentEvents, INewsletterEvents
{
    public Task RaiseAsync(CommentEvent kind, CommentEntity comment, CancellationToken cancellationToken) =>
        PublishAsync(kind switch
        {
            CommentEvent.Held => WebhookEventTypes.CommentHeld,
            CommentEvent.Published => WebhookEventTypes.CommentPublished,
            CommentEvent.Approved => WebhookEventTypes.CommentApproved,
            _ => WebhookEventTypes.CommentSpam,
        }, () => factory.ForComment(kind, comment), cancellationToken);

    public Task SubscriberConfirmedAsync(string emailHash, DateTimeOffset confirmedAt, CancellationToken cancellationToken) =>
        PublishAsync(WebhookEventTypes.SubscriberConfirmed, () => factory.ForSubscriber(emailHash, confirmedAt), cancellationToken);

    public Task NewsletterSentAsync(NewsletterSent sent, CancellationToken cancellationToken) =>
        PublishAsync(WebhookEventTypes.NewsletterSent, () => factory.ForNewsletter(sent), cancellationToken);

    private async Task PublishAsync(string type, Func<WebhookEvent> build, CancellationToken cancellationToken)
    {
        var endpoints = options.CurrentValue.Endpoints.Where(e => e.Wants(type)).ToList();
        if (endpoints.Count == 0)
        {
            return;
        }
        WebhookEvent e;
        try
        {
            e = build();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotQueued(logger, ex, type, "(building)");
            return;
        }
        foreach (var endpoint in endpoints)
        {
            var message = new WebhookMessage(endpoint.Url, e.Id, e.Type, e.CreatedAt, 1, WebhookFormatter.Render(endpoint.Format, e))
            {
                PostId = e.PostId,
                CommentId = e.CommentId,
            };
            try
            {
                await queue.SendAsync(WorkQueues.Webhooks, message, WebhookMessageJson.Default.WebhookMessage, TimeSpan.Zero, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogNotQueued(logger, ex, type, WebhookDelivery.Describe(endpoint.Url));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook event {Type} for {Endpoint} could not be queued; it will not be delivered")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, string type, string endpoint);
}
