using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Newsletter.Subscribers;

public static class SubscriptionRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Subscribe", "POST", Routes.Subscriptions, RouteAccess.Public,
            "Starts a double opt-in subscription ({email, name?} as JSON or form fields). 202 with the same body whatever the address's state; an HTML page when the client accepts text/html.",
            (r, ct) => r.Service<SubscriptionEndpoints>().SubscribeAsync(r, ct)),
        new("SubscriptionConfirmPage", "GET", Routes.SubscriptionsConfirm, RouteAccess.Public,
            "Page with a Confirm button for the link in the confirmation email (a GET changes nothing).",
            (r, ct) => r.Service<SubscriptionEndpoints>().ConfirmPageAsync(r, ct)) { ContentType = "text/html" },
        new("SubscriptionConfirm", "POST", Routes.SubscriptionsConfirm, RouteAccess.Public,
            "Confirms the subscription of a signed token (form field or query 'token') and sends the welcome email.",
            (r, ct) => r.Service<SubscriptionEndpoints>().ConfirmAsync(r, ct)) { ContentType = "text/html" },
        new("UnsubscribePage", "GET", Routes.SubscriptionsUnsubscribe, RouteAccess.Public,
            "Page with an Unsubscribe button for the link in every newsletter email.",
            (r, ct) => r.Service<SubscriptionEndpoints>().UnsubscribePageAsync(r, ct)) { ContentType = "text/html" },
        new("Unsubscribe", "POST", Routes.SubscriptionsUnsubscribe, RouteAccess.Public,
            "RFC 8058 one-click unsubscribe (body List-Unsubscribe=One-Click): immediate, idempotent, 200, never a redirect.",
            (r, ct) => r.Service<SubscriptionEndpoints>().UnsubscribeAsync(r, ct)) { ContentType = "text/html" },
        new("SendGridEvents", "POST", Routes.SendGridEvents, RouteAccess.Public,
            "SendGrid's signed event webhook (ECDSA, X-Twilio-Email-Event-Webhook-Signature / -Timestamp): suppresses addresses on bounce, dropped, spamreport and unsubscribes. 401 when the signature does not verify.",
            (r, ct) => r.Service<SendGridEventEndpoints>().ReceiveAsync(r, ct)),
        new("ModerationSubscribers", "GET", Routes.ModerationSubscribers, RouteAccess.Moderator,
            "The subscriber list with counts by status; filter with status, page with limit and cursor.",
            (r, ct) => r.Service<SubscriberAdminEndpoints>().ListAsync(r, ct)),
        new("ModerationSubscribersCsv", "GET", Routes.ModerationSubscribersCsv, RouteAccess.Moderator,
            "Every subscriber with consent evidence as CSV (cells that could run as spreadsheet formulas are neutralized).",
            (r, ct) => r.Service<SubscriberAdminEndpoints>().CsvAsync(r, ct)) { ContentType = "text/csv" },
        new("ModerationErase", "POST", Routes.ModerationErase, RouteAccess.Moderator,
            "GDPR erasure of {email}: removes the subscriber and the personal fields of that address's comments.",
            (r, ct) => r.Service<SubscriberAdminEndpoints>().EraseAsync(r, ct)),
    ];

    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddBlogOptions<SubscriptionOptions>(SubscriptionOptions.Section);
        services.AddBlogTable(SubscriberEntity.TableName);
        services.AddBlogTable(SubscribeRateLimiter.TableName);
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscribeRateLimiter>();
        services.AddSingleton<ConfirmTokens>();
        services.AddSingleton<SubscriptionMails>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriptionEndpoints>();
        services.AddBlogTable(SendGridEventProcessor.TableName);
        services.AddSingleton<SendGridEventProcessor>();
        services.AddSingleton<SendGridEventEndpoints>();
        services.AddSingleton<SubscriberAdminEndpoints>();
        return services;
    }
}
