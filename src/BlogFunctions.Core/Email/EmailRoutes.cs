using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Email;

public static class EmailRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("ModerationDeliveries", "GET", Routes.ModerationDeliveries, RouteAccess.Moderator,
            "The delivery log, newest first: one row per send attempt (kind, recipient hash, post or comment, SendGrid message id, outcome, error). Filters: email, kind, postId; paging: limit, cursor.",
            (r, ct) => r.Service<DeliveryEndpoints>().ListAsync(r, ct)),
    ];
}
