using System.ComponentModel.DataAnnotations;

namespace BlogFunctions.Core.Webhooks;

/// <summary>Webhooks:Endpoints:N: where to POST events, signed with each endpoint's own secret.</summary>
internal sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    public List<WebhookEndpoint> Endpoints { get; set; } = [];

    /// <summary>Delay before the first retry of a failed delivery; it doubles per attempt until 24 h after the event.</summary>
    [Range(0, 3600)]
    public int FirstRetrySeconds { get; set; } = 30;
}

internal sealed class WebhookEndpoint
{
    /// <summary>https URL (http only for localhost, for tests and local receivers).</summary>
    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key of X-Blog-Signature; at least 32 random characters.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event types to send (see <see cref="WebhookEventTypes"/>); empty: all of them.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Body shape: json (the signed envelope), slack, discord or teams.</summary>
    public string Format { get; set; } = WebhookFormats.Json;

    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}

internal static class WebhookFormats
{
    public const string Json = "json";
    public const string Slack = "slack";
    public const string Discord = "discord";
    public const string Teams = "teams";

    public static IReadOnlyList<string> All { get; } = [Json, Slack, Discord, Teams];
}

internal static class WebhookEventTypes
{
    public const string CommentHeld = "comment.held";
    public const string CommentPublished = "comment.published";
    public const string CommentApproved = "comment.approved";
    public const string CommentSpam = "comment.spam";
    public const string SubscriberConfirmed = "subscriber.confirmed";
    public const string NewsletterSent = "newsletter.sent";

    public static IReadOnlyList<string> All { get; } =
        [CommentHeld, CommentPublished, CommentApproved, CommentSpam, SubscriberConfirmed, NewsletterSent];
}
