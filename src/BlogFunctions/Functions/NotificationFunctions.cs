using BlogFunctions.Core.Http;
using BlogFunctions.Core.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class NotificationFunctions(ApiPipeline api)
{
    [Function("NotificationConfirmPage")]
    public Task<IResult> ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotificationsApi.ConfirmTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NotificationsApi.ConfirmPage, req, ct);

    [Function("NotificationConfirm")]
    public Task<IResult> Confirm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationsApi.ConfirmTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NotificationsApi.Confirm, req, ct);

    [Function("NotificationUnsubscribePage")]
    public Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotificationsApi.UnsubscribeTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NotificationsApi.UnsubscribePage, req, ct);

    [Function("NotificationUnsubscribe")]
    public Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationsApi.UnsubscribeTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NotificationsApi.Unsubscribe, req, ct);

    [Function("ModerationNotifications")]
    public Task<IResult> Moderation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotificationsApi.ModerationTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NotificationsApi.ModerationView, req, ct);
}
