using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class SubscriptionFunctions(SubscriptionEndpoints subscriptions, SendGridEventEndpoints events, SubscriberAdminEndpoints admin)
{
    [Function("Subscribe")]
    public Task<IResult> Subscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscriptions)] HttpRequest req, CancellationToken ct) => subscriptions.SubscribeAsync(req, ct);

    [Function("SubscriptionConfirmPage")]
    public Task<IResult> ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SubscriptionsConfirm)] HttpRequest req, CancellationToken ct) => subscriptions.ConfirmPageAsync(req, ct);

    [Function("SubscriptionConfirm")]
    public Task<IResult> Confirm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SubscriptionsConfirm)] HttpRequest req, CancellationToken ct) => subscriptions.ConfirmAsync(req, ct);

    [Function("UnsubscribePage")]
    public Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SubscriptionsUnsubscribe)] HttpRequest req, CancellationToken ct) => subscriptions.UnsubscribePageAsync(req, ct);

    [Function("Unsubscribe")]
    public Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SubscriptionsUnsubscribe)] HttpRequest req, CancellationToken ct) => subscriptions.UnsubscribeAsync(req, ct);

    [Function("SendGridEvents")]
    public Task<IResult> SendGridEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest req, CancellationToken ct) => events.ReceiveAsync(req, ct);

    [Function("ModerationSubscribers")]
    public Task<IResult> Subscribers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationSubscribers)] HttpRequest req, CancellationToken ct) => admin.ListAsync(req, ct);

    [Function("ModerationSubscribersCsv")]
    public Task<IResult> SubscribersCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationSubscribersCsv)] HttpRequest req, CancellationToken ct) => admin.CsvAsync(req, ct);

    [Function("ModerationErase")]
    public Task<IResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationErase)] HttpRequest req, CancellationToken ct) => admin.EraseAsync(req, ct);
}
