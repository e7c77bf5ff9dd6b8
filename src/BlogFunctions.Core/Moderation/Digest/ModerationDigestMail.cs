using System.Globalization;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Web;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>Composes the moderator digest: every listed comment with fresh one-click links, HTML and text.</summary>
internal sealed class ModerationDigestMail(
    EmailTemplates templates,
    ModerationLinkTokens tokens,
    IOptions<EmailOptions> email,
    IOptions<PublicUrlOptions> urls,
    IOptionsMonitor<WebOptions> web)
{
    public const string Kind = "moderation";

    public async Task<EmailMessage> ComposeAsync(DigestBatch batch, string batchId, IReadOnlyList<string> recipients)
    {
        var total = batch.Comments.Count + batch.More;
        var subject = string.Create(CultureInfo.InvariantCulture,
            $"{total} comment{(total == 1 ? "" : "s")} waiting on {email.Value.FromName}");
        var first = batch.Comments[0];
        var body = await templates.RenderAsync(Kind, subject, new Dictionary<string, object?>
        {
            ["total"] = total,
            ["more"] = batch.More,
            ["valid_days"] = (int)ModerationLinkTokens.ValidFor.TotalDays,
            ["queue_url"] = urls.Value.Api(WebApi.ModerationUiTemplate).AbsoluteUri,
            ["comments"] = batch.Comments.Select(Model).ToList(),
            ["preheader"] = $"{first.Author}: {Snippet(first.BodyMarkdown)}",
        }, reason: $"You get this email because your address is in the moderator notification list (Moderation:NotifyEmails) of {email.Value.FromName}.");
        return new EmailMessage(subject, body.Html, body.Text, [.. recipients.Select(r => new EmailRecipient(r))])
        {
            Kind = Kind,
            CustomArgs = new Dictionary<string, string> { ["digest"] = batchId },
        };
    }

    private Dictionary<string, object?> Model(CommentEntity c) => new()
    {
        ["author"] = c.Author,
        ["email"] = c.Email,
        ["website"] = c.Website,
        ["post_id"] = c.PostId,
        ["post_url"] = web.CurrentValue.PostUrl(c.PostId),
        ["created"] = c.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        // The raw Markdown, not the rendered HTML: the moderator sees exactly what was typed, and
        // the template encodes it, so nothing in it can become markup or a live link.
        ["body"] = c.BodyMarkdown,
        ["reasons"] = string.Join(", ", c.ReasonList),
        ["approve_url"] = Link(c, ModerationAction.Approve),
        ["reject_url"] = Link(c, ModerationAction.Reject),
        ["spam_url"] = Link(c, ModerationAction.Spam),
    };

    /// <summary>A one-click link for the version of the comment this email shows (its ETag, signed in the token).</summary>
    private string Link(CommentEntity c, ModerationAction action) =>
        urls.Value.Api(ModerationLinksApi.ActionTemplate + "?token=" + Uri.EscapeDataString(tokens.Create(c.PostId, c.Id, action, c.ETag))).AbsoluteUri;

    private static string Snippet(string text)
    {
        var flat = HeaderSafe.Clean(text);
        return flat.Length <= 90 ? flat : flat[..90] + "…";
    }
}
