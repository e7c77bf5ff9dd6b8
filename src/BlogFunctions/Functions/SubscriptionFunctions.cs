using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class SubscriptionFunctions(SubscriptionEndpoints subscriptions, SendGridEventEndpoints events)
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
}
