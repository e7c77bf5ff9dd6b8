using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// The subscriber half of the newsletter, each route declared once: double opt-in subscribe,
/// confirm and unsubscribe (with pages for people), SendGrid's signed event webhook, and the
/// moderator's list, CSV export and GDPR erasure.
/// </summary>
internal static class SubscriptionsApi
{
    public const string SubscriptionsTemplate = "subscriptions";
    public const string ConfirmTemplate = "subscriptions/confirm";
    public const string UnsubscribeTemplate = "subscriptions/unsubscribe";
    public const string SendGridEventsTemplate = "sendgrid/events";
    public const string SubscribersTemplate = "moderation/subscribers";
    public const string SubscribersCsvTemplate = "moderation/subscribers.csv";
    public const string EraseTemplate = "moderation/erase";

    private static ApiParameter Token { get; } =
        ApiParameter.Query("token", "The signed token of the email's link (a POST may send it as a form field instead).");

    public static ApiRoute Subscribe { get; } = new("Subscribe", "POST", SubscriptionsTemplate, RouteAccess.Public,
        "Starts a double opt-in subscription ({email, name?} as JSON or form fields). 202 with the same body whatever the address's state; an HTML page when the client accepts text/html.",
        (r, ct) => r.Service<SubscriptionHandlers>().SubscribeAsync(r, ct))
    {
        Request = [ApiContent.JsonOf(SubscriptionJsonContext.Default.SubscribeBody), ApiContent.FormOf(SubscriptionJsonContext.Default.SubscribeBody)],
        Responses =
        [
            ApiResponse.Json(202, SubscriberAnswersJson.Default.SubscribeAccepted, "Accepted, whatever the address's state"),
            ApiResponse.Page(202, "Accepted (Accept: text/html)"),
            .. ApiResponse.JsonBodyProblems,
            .. ApiResponse.FormBodyProblems,
            ApiResponse.Problem(400, "invalid_email", "invalid_name"),
            ApiResponse.Problem(429, "rate_limited"),
            // A person posting the plain HTML form gets each refusal as a page instead.
            ApiResponse.Page(400, "Refused (Accept: text/html)"),
            ApiResponse.Page(413, "Refused (Accept: text/html)"),
            ApiResponse.Page(415, "Refused (Accept: text/html)"),
            ApiResponse.Page(429, "Refused (Accept: text/html)"),
        ],
    };

    public static ApiRoute SubscriptionConfirmPage { get; } = new("SubscriptionConfirmPage", "GET", ConfirmTemplate, RouteAccess.Public,
        "Page with a Confirm button for the link in the confirmation email (a GET changes nothing).",
        (r, _) => Task.FromResult(r.Service<SubscriptionHandlers>().ConfirmPage(r)))
    {
        Parameters = [Token],
        Responses = [ApiResponse.Page(200, "The Confirm button"), ApiResponse.Page(400, "The link is incomplete, altered or expired")],
    };

    public static ApiRoute SubscriptionConfirm { get; } = new("SubscriptionConfirm", "POST", ConfirmTemplate, RouteAccess.Public,
        "Confirms the subscription of a signed token (form field or query 'token') and sends the welcome email.",
        (r, ct) => r.Service<SubscriptionHandlers>().ConfirmAsync(r, ct))
    {
        Parameters = [Token],
        Request = [ApiContent.FormFields("token")],
        Responses =
        [
            ApiResponse.Page(200, "Subscribed (or already)"),
            ApiResponse.Page(400, "The link is incomplete, altered, expired or no longer applies"),
            .. ApiResponse.FormBodyProblems,
        ],
    };

    public static ApiRoute UnsubscribePage { get; } = new("UnsubscribePage", "GET", UnsubscribeTemplate, RouteAccess.Public,
        "Page with an Unsubscribe button for the link in every newsletter email.",
        (r, _) => Task.FromResult(r.Service<SubscriptionHandlers>().UnsubscribePage(r)))
    {
        Parameters = [Token],
        Responses = [ApiResponse.Page(200, "The Unsubscribe button"), ApiResponse.Page(400, "The link is incomplete or altered")],
    };

    public static ApiRoute Unsubscribe { get; } = new("Unsubscribe", "POST", UnsubscribeTemplate, RouteAccess.Public,
        "RFC 8058 one-click unsubscribe (body List-Unsubscribe=One-Click): immediate, idempotent, 200, never a redirect.",
        (r, ct) => r.Service<SubscriptionHandlers>().UnsubscribeAsync(r, ct))
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

    public static ApiRoute SendGridEvents { get; } = new("SendGridEvents", "POST", SendGridEventsTemplate, RouteAccess.Public,
        "SendGrid's signed event webhook (ECDSA, X-Twilio-Email-Event-Webhook-Signature / -Timestamp): suppresses addresses on bounce, dropped, spamreport and unsubscribes. 401 when the signature does not verify.",
        (r, ct) => r.Service<SendGridEventHandler>().ReceiveAsync(r, ct))
    {
        // SendGrid's own event format; the handler reads the few members it needs (SendGridEvent).
        Request = [ApiContent.JsonOf(SubscriberAnswersJson.Default.JsonElementArray)],
        Responses =
        [
            ApiResponse.Json(200, SubscriberAnswersJson.Default.EventsAccepted, "Received and processed"),
            ApiResponse.Problem(400, "invalid_json", "bad_request"),
            ApiResponse.Problem(401, "invalid_signature"),
            ApiResponse.Problem(413, "payload_too_large"),
        ],
    };

    public static ApiRoute ModerationSubscribers { get; } = new("ModerationSubscribers", "GET", SubscribersTemplate, RouteAccess.Moderator,
        "The subscriber list with counts by status; filter with status, page with limit and cursor.",
        (r, ct) => r.Service<SubscriberAdminHandlers>().ListAsync(r, ct))
    {
        Parameters =
        [
            ApiParameter.Query("status", "Only pending, active, unsubscribed or suppressed subscribers."),
            ApiParameter.Limit(SubscriberAdminHandlers.DefaultLimit, SubscriberAdminHandlers.MaxLimit),
            ApiParameter.Cursor,
        ],
        Responses =
        [
            ApiResponse.Json(200, SubscriberAnswersJson.Default.SubscriberPage, "Counts by status and a page of subscribers"),
            ApiResponse.Problem(400, "invalid_status", "invalid_limit", "invalid_cursor"),
        ],
    };

    public static ApiRoute ModerationSubscribersCsv { get; } = new("ModerationSubscribersCsv", "GET", SubscribersCsvTemplate, RouteAccess.Moderator,
        "Every subscriber with consent evidence as CSV (cells that could run as spreadsheet formulas are neutralized).",
        (r, ct) => r.Service<SubscriberAdminHandlers>().CsvAsync(ct))
    {
        Responses = [ApiResponse.Media(200, "text/csv", "Every subscriber, oldest first, as an attachment")],
    };

    public static ApiRoute ModerationErase { get; } = new("ModerationErase", "POST", EraseTemplate, RouteAccess.Moderator,
        "GDPR erasure of {email}: removes the subscriber and the personal fields of that address's comments.",
        (r, ct) => r.Service<SubscriberAdminHandlers>().EraseAsync(r, ct))
    {
        Request = [ApiContent.JsonOf(SubscriptionJsonContext.Default.EraseBody)],
        Responses =
        [
            ApiResponse.Json(200, SubscriberAnswersJson.Default.EraseResult, "What was removed"),
            .. ApiResponse.JsonBodyProblems,
            ApiResponse.Problem(400, "invalid_email"),
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        Subscribe, SubscriptionConfirmPage, SubscriptionConfirm, UnsubscribePage, Unsubscribe, SendGridEvents,
        ModerationSubscribers, ModerationSubscribersCsv, ModerationErase,
    ];
}
