using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// The subscriber half of the newsletter, each route declared once: double opt-in subscribe,
/// confirm and unsubscribe (with pages for people), SendGrid's signed event webhook, and the
/// moderator's list, CSV export and GDPR erasure.
/// </summary>
public static class SubscriptionsApi
{
    public const string SubscriptionsTemplate = "subscriptions";
    public const string ConfirmTemplate = "subscriptions/confirm";
    public const string UnsubscribeTemplate = "subscriptions/unsubscribe";
    public const string SendGridEventsTemplate = "sendgrid/events";
    public const string SubscribersTemplate = "moderation/subscribers";
    public const string SubscribersCsvTemplate = "moderation/subscribers.csv";
    public const string EraseTemplate = "moderation/erase";

    public static ApiRoute Subscribe { get; } = new("Subscribe", "POST", SubscriptionsTemplate, RouteAccess.Public,
        "Starts a double opt-in subscription ({email, name?} as JSON or form fields). 202 with the same body whatever the address's state; an HTML page when the client accepts text/html.",
        (r, ct) => r.Service<SubscriptionHandlers>().SubscribeAsync(r, ct)) { Statuses = [202] };

    public static ApiRoute SubscriptionConfirmPage { get; } = new("SubscriptionConfirmPage", "GET", ConfirmTemplate, RouteAccess.Public,
        "Page with a Confirm button for the link in the confirmation email (a GET changes nothing).",
        (r, _) => Task.FromResult(r.Service<SubscriptionHandlers>().ConfirmPage(r)))
    { ContentType = "text/html" };

    public static ApiRoute SubscriptionConfirm { get; } = new("SubscriptionConfirm", "POST", ConfirmTemplate, RouteAccess.Public,
        "Confirms the subscription of a signed token (form field or query 'token') and sends the welcome email.",
        (r, ct) => r.Service<SubscriptionHandlers>().ConfirmAsync(r, ct))
    { ContentType = "text/html" };

    public static ApiRoute UnsubscribePage { get; } = new("UnsubscribePage", "GET", UnsubscribeTemplate, RouteAccess.Public,
        "Page with an Unsubscribe button for the link in every newsletter email.",
        (r, _) => Task.FromResult(r.Service<SubscriptionHandlers>().UnsubscribePage(r)))
    { ContentType = "text/html" };

    public static ApiRoute Unsubscribe { get; } = new("Unsubscribe", "POST", UnsubscribeTemplate, RouteAccess.Public,
        "RFC 8058 one-click unsubscribe (body List-Unsubscribe=One-Click): immediate, idempotent, 200, never a redirect.",
        (r, ct) => r.Service<SubscriptionHandlers>().UnsubscribeAsync(r, ct))
    { ContentType = "text/html" };

    public static ApiRoute SendGridEvents { get; } = new("SendGridEvents", "POST", SendGridEventsTemplate, RouteAccess.Public,
        "SendGrid's signed event webhook (ECDSA, X-Twilio-Email-Event-Webhook-Signature / -Timestamp): suppresses addresses on bounce, dropped, spamreport and unsubscribes. 401 when the signature does not verify.",
        (r, ct) => r.Service<SendGridEventHandler>().ReceiveAsync(r, ct));

    public static ApiRoute ModerationSubscribers { get; } = new("ModerationSubscribers", "GET", SubscribersTemplate, RouteAccess.Moderator,
        "The subscriber list with counts by status; filter with status, page with limit and cursor.",
        (r, ct) => r.Service<SubscriberAdminHandlers>().ListAsync(r, ct));

    public static ApiRoute ModerationSubscribersCsv { get; } = new("ModerationSubscribersCsv", "GET", SubscribersCsvTemplate, RouteAccess.Moderator,
        "Every subscriber with consent evidence as CSV (cells that could run as spreadsheet formulas are neutralized).",
        (r, ct) => r.Service<SubscriberAdminHandlers>().CsvAsync(ct))
    { ContentType = "text/csv" };

    public static ApiRoute ModerationErase { get; } = new("ModerationErase", "POST", EraseTemplate, RouteAccess.Moderator,
        "GDPR erasure of {email}: removes the subscriber and the personal fields of that address's comments.",
        (r, ct) => r.Service<SubscriberAdminHandlers>().EraseAsync(r, ct));

    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        Subscribe, SubscriptionConfirmPage, SubscriptionConfirm, UnsubscribePage, Unsubscribe, SendGridEvents,
        ModerationSubscribers, ModerationSubscribersCsv, ModerationErase,
    ];
}
