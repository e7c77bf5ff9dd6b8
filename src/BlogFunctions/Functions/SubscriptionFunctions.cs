using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Preferences;
using BlogFunctions.Core.Newsletter.Subscribers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class SubscriptionFunctions(ApiPipeline api)
{
    [Function("Subscribe")]
    public Task<IResult> Subscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SubscriptionsApi.SubscriptionsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.Subscribe, req, ct);

    [Function("SubscriptionConfirmPage")]
    public Task<IResult> ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SubscriptionsApi.ConfirmTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.SubscriptionConfirmPage, req, ct);

    [Function("SubscriptionConfirm")]
    public Task<IResult> Confirm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SubscriptionsApi.ConfirmTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.SubscriptionConfirm, req, ct);

    [Function("UnsubscribePage")]
    public Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SubscriptionsApi.UnsubscribeTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.UnsubscribePage, req, ct);

    [Function("Unsubscribe")]
    public Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SubscriptionsApi.UnsubscribeTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.Unsubscribe, req, ct);

    [Function("PreferencesPage")]
    public Task<IResult> PreferencesPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PreferencesApi.Template)] HttpRequest req, CancellationToken ct) => api.RunAsync(PreferencesApi.PreferencesPage, req, ct);

    [Function("SavePreferences")]
    public Task<IResult> SavePreferences([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PreferencesApi.Template)] HttpRequest req, CancellationToken ct) => api.RunAsync(PreferencesApi.SavePreferences, req, ct);

    [Function("SendGridEvents")]
    public Task<IResult> SendGridEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SubscriptionsApi.SendGridEventsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.SendGridEvents, req, ct);

    [Function("ModerationSubscribers")]
    public Task<IResult> Subscribers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SubscriptionsApi.SubscribersTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.ModerationSubscribers, req, ct);

    [Function("ModerationSubscribersCsv")]
    public Task<IResult> SubscribersCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SubscriptionsApi.SubscribersCsvTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.ModerationSubscribersCsv, req, ct);

    [Function("ModerationErase")]
    public Task<IResult> Erase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SubscriptionsApi.EraseTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(SubscriptionsApi.ModerationErase, req, ct);
}
