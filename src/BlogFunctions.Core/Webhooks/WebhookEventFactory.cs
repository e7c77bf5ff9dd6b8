using System.Globalization;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Web;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// Builds each event's data from what the raising feature reported. Only what the blog shows the
/// public goes out (never an email address or IP hash); a held comment adds where to moderate it:
/// the moderation page. Not a signed one-click link like the digest's: that link carries the
/// comment's version, which the projection changes seconds after the POST (the digest is rendered
/// later, from a fresh read), and a chat channel's history is no place for a credential.
/// </summary>
internal sealed class WebhookEventFactory(IOptions<PublicUrlOptions> urls, IOptionsMonitor<WebOptions> web,
    TimeProvider time)
{
    private const int ExcerptLength = 200;

    public WebhookEvent ForComment(CommentEvent kind, CommentEntity c)
    {
        var type = kind switch
        {
            CommentEvent.Held => WebhookEventTypes.CommentHeld,
            CommentEvent.Published => WebhookEventTypes.CommentPublished,
            CommentEvent.Approved => WebhookEventTypes.CommentApproved,
            _ => WebhookEventTypes.CommentSpam,
        };
        var postUrl = web.CurrentValue.PostUrl(c.PostId);
        var data = new JsonObject
        {
            ["id"] = c.Id,
            ["postId"] = c.PostId,
            ["parentId"] = c.ParentId,
            ["author"] = c.Author,
            ["website"] = c.Website,
            ["bodyHtml"] = c.BodyHtml,
            ["createdAt"] = WebhookEvent.Time(c.CreatedAt),
            ["postUrl"] = postUrl,
        };
        string? link = null;
        if (kind == CommentEvent.Held)
        {
            link = urls.Value.Api(WebApi.ModerationUiTemplate).AbsoluteUri;
            data["moderationUrl"] = link;
        }
        var what = kind switch
        {
            CommentEvent.Held => "Comment held for moderation",
            CommentEvent.Published => "New comment published",
            CommentEvent.Approved => "Comment approved",
            _ => "Comment marked as spam",
        };
        var excerpt = PlainText.Excerpt(c.BodyHtml, ExcerptLength);
        var text = $"{what} on {postUrl ?? c.PostId} by {c.Author}: \"{excerpt}\"" + (link is null ? "" : " Review: " + link);
        return new WebhookEvent(WebhookEvent.StableId(type, c.PostId + "/" + c.Id), type, time.GetUtcNow(), data, what, text)
        {
            Link = link ?? postUrl,
            LinkLabel = link is null ? "Open the post" : "Review",
            PostId = c.PostId,
            CommentId = c.Id,
        };
    }

    /// <summary>The address never leaves: data carries its pseudonym, the one the delivery log and subscriber admin show.</summary>
    public WebhookEvent ForSubscriber(string emailHash, DateTimeOffset confirmedAt)
    {
        var data = new JsonObject { ["subscriberHash"] = emailHash, ["confirmedAt"] = WebhookEvent.Time(confirmedAt) };
        const string what = "Newsletter subscriber confirmed";
        return new WebhookEvent(WebhookEvent.NewId(), WebhookEventTypes.SubscriberConfirmed, time.GetUtcNow(), data, what,
            "A new newsletter subscriber confirmed their address.");
    }

    public WebhookEvent ForNewsletter(NewsletterSent sent)
    {
        var data = new JsonObject
        {
            ["postKey"] = sent.PostKey,
            ["postId"] = sent.PostId,
            ["title"] = sent.Title,
            ["url"] = sent.Url,
            ["recipients"] = sent.Recipients,
            ["completedAt"] = WebhookEvent.Time(sent.CompletedAt),
        };
        const string what = "Newsletter sent";
        var text = string.Create(CultureInfo.InvariantCulture, $"Newsletter sent: \"{sent.Title}\" to {sent.Recipients} subscribers. {sent.Url}");
        return new WebhookEvent(WebhookEvent.StableId(WebhookEventTypes.NewsletterSent, sent.PostKey), WebhookEventTypes.NewsletterSent,
            time.GetUtcNow(), data, what, text)
        {
            Link = string.IsNullOrEmpty(sent.Url) ? null : sent.Url,
            LinkLabel = "Open the post",
            PostId = sent.PostKey,
        };
    }
}
