using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Email;

/// <summary>The email feature's one route, declared once: the delivery log for moderators.</summary>
internal static class EmailApi
{
    public const string DeliveriesTemplate = "moderation/deliveries";

    public static ApiRoute ModerationDeliveries { get; } = new("ModerationDeliveries", "GET", DeliveriesTemplate, RouteAccess.Moderator,
        "The delivery log, newest first: one row per send attempt (kind, recipient hash, post or comment, SendGrid message id, outcome, error). Filters: email, kind, postId; paging: limit, cursor.",
        (r, ct) => r.Service<DeliveriesHandler>().ListAsync(r, ct))
    {
        Parameters =
        [
            ApiParameter.Query("email", "Only sends to this address."),
            ApiParameter.Query("kind", "Only this kind of delivery (newsletter, confirmation, welcome, moderation, notification, webhook, …)."),
            ApiParameter.Query("postId", "Only sends about this post (its table key for newsletters)."),
            ApiParameter.Limit(DeliveriesHandler.DefaultLimit, DeliveriesHandler.MaxLimit),
            ApiParameter.Cursor,
        ],
        Responses = [ApiResponse.Json(200, DeliveryJson.Default.DeliveryPage, "A page of the delivery log"), ApiResponse.Problem(400, "invalid_limit", "invalid_cursor")],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [ModerationDeliveries];
}
