using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Reader notifications' routes, each declared once: the confirmation link, the unsubscribe link
/// (one subscription or all, RFC 8058 one-click) and the moderator's view of one address.
/// </summary>
internal static class NotificationsApi
{
    public const string ConfirmTemplate = "notifications/confirm";
    public const string UnsubscribeTemplate = "notifications/unsubscribe";
    public const string ModerationTemplate = "moderation/notifications";

    private static ApiParameter Token { get; } = ApiParameter.Query("token", "The signed token from the email's link.");

    public static ApiRoute ConfirmPage { get; } = new("NotificationConfirmPage", "GET", ConfirmTemplate, RouteAccess.Public,
        "Page with a button for the link in a notification confirmation email (a GET changes nothing).",
        (r, _) => Task.FromResult(r.Service<NotificationHandlers>().ConfirmPage(r)))
    {
        Parameters = [Token],
        Responses = [ApiResponse.Page(200, "The confirm button"), ApiResponse.Page(400, "The link is incomplete, altered or expired")],
    };

    public static ApiRoute Confirm { get; } = new("NotificationConfirm", "POST", ConfirmTemplate, RouteAccess.Public,
        "Verifies the address of a signed token (form field or query 'token'): its notifications start.",
        (r, ct) => r.Service<NotificationHandlers>().ConfirmAsync(r, ct))
    {
        Parameters = [Token],
        Request = [ApiContent.FormFields("token")],
        Responses =
        [
            ApiResponse.Page(200, "Confirmed (or already)"),
            ApiResponse.Page(400, "The link is incomplete, altered or expired"),
            .. ApiResponse.FormBodyProblems,
        ],
    };

    public static ApiRoute UnsubscribePage { get; } = new("NotificationUnsubscribePage", "GET", UnsubscribeTemplate, RouteAccess.Public,
        "Page with a button for the unsubscribe links of notification emails (one thread, or every notification).",
        (r, _) => Task.FromResult(r.Service<NotificationHandlers>().UnsubscribePage(r)))
    {
        Parameters = [Token],
        Responses = [ApiResponse.Page(200, "The unsubscribe button"), ApiResponse.Page(400, "The link is incomplete or altered")],
    };

    public static ApiRoute Unsubscribe { get; } = new("NotificationUnsubscribe", "POST", UnsubscribeTemplate, RouteAccess.Public,
        "RFC 8058 one-click unsubscribe (body List-Unsubscribe=One-Click) from one thread or from every notification: immediate, idempotent, 200.",
        (r, ct) => r.Service<NotificationHandlers>().UnsubscribeAsync(r, ct))
    {
        Parameters = [Token],
        Request = [ApiContent.FormFields("List-Unsubscribe")],
        Responses =
        [
            ApiResponse.Page(200, "Unsubscribed"),
            ApiResponse.Page(400, "The link is incomplete or altered; nothing changed"),
            .. ApiResponse.FormBodyProblems,
        ],
    };

    public static ApiRoute ModerationView { get; } = new("ModerationNotifications", "GET", ModerationTemplate, RouteAccess.Moderator,
        "What one address ('email') is signed up for, its verification, its recent notification batches and its last 50 deliveries.",
        (r, ct) => r.Service<NotificationAdminHandler>().GetAsync(r, ct))
    {
        Parameters = [ApiParameter.Query("email", "The address to look up.", required: true)],
        Responses =
        [
            ApiResponse.Json(200, NotifyAdminJson.Default.AddressNotifications, "The address's notifications"),
            ApiResponse.Problem(400, "invalid_email"),
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [ConfirmPage, Confirm, UnsubscribePage, Unsubscribe, ModerationView];
}
