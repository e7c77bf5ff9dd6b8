namespace BlogFunctions.Core.Http;

/// <summary>
/// Route templates without the <c>api/</c> prefix: Azure Functions adds it from host.json's
/// routePrefix and the SelfHost maps a <c>/api</c> group, so one constant serves both hosts.
/// </summary>
public static class Routes
{
    public const string Prefix = "api";

    public const string Health = "health";
    public const string OpenApi = "openapi.json";
    public const string Preflight = "{*path}";

    /// <summary>Every path under the prefix: matched last, for what no other route takes.</summary>
    public const string Unmatched = "{*path}";

    public const string Posts = "posts";
    public const string ModerationNewsletter = "moderation/newsletter";
    public const string ModerationNewsletterRun = "moderation/newsletter/run";
    public const string ModerationNewsletterResend = "moderation/newsletter/{postKey}/chunks/{chunk}/resend";
    public const string Subscriptions = "subscriptions";
    public const string SubscriptionsConfirm = "subscriptions/confirm";
    public const string SubscriptionsUnsubscribe = "subscriptions/unsubscribe";
    public const string SendGridEvents = "sendgrid/events";
    public const string ModerationSubscribers = "moderation/subscribers";
    public const string ModerationSubscribersCsv = "moderation/subscribers.csv";
    public const string ModerationErase = "moderation/erase";
    public const string ModerationDeliveries = "moderation/deliveries";

    public const string EmbedComments = "embed/comments.js";
    public const string EmbedCount = "embed/count.js";
    public const string EmbedCommentsCss = "embed/comments.css";
    public const string ModerationUi = "moderation/ui";
}
