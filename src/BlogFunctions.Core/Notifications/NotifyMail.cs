using System.Globalization;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Web;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Notifications;

/// <summary>A notification and the approved comment it is about.</summary>
internal sealed record NotifyLine(NotifyItem Item, CommentEntity Comment);

/// <summary>
/// Composes the two emails of reader notifications. The confirmation goes to an address nobody has
/// verified yet, so it carries nothing a commenter typed: no name, no text, no post. The
/// notification goes only to a verified address and lists each approved comment as plain text
/// (encoded by the template in the HTML part), with a link to it and one to end that subscription.
/// </summary>
internal sealed class NotifyMail(EmailTemplates templates, NotifyLinks links, IOptions<EmailOptions> email, IOptionsMonitor<WebOptions> web)
{
    public const string Kind = "notification";
    public const string ConfirmKind = "notification-confirm";

    public async Task<EmailMessage> ConfirmationAsync(string address, string emailHash)
    {
        var subject = $"Confirm your address for {email.Value.FromName}";
        var body = await templates.RenderAsync("notify-confirm", subject, new Dictionary<string, object?>
        {
            ["email"] = address,
            ["confirm_url"] = links.ConfirmUrl(emailHash),
            ["valid_hours"] = (int)NotifyLinks.ConfirmValidFor.TotalHours,
        }, reason: $"You get this email because this address was given with a comment on {email.Value.FromName}.");
        return new EmailMessage(subject, body.Html, body.Text, [new EmailRecipient(address)]) { Kind = ConfirmKind };
    }

    public async Task<EmailMessage> NotificationAsync(string address, string emailHash, string batchId, IReadOnlyList<NotifyLine> lines)
    {
        var subject = Subject(lines);
        var all = links.UnsubscribeAllUrl(emailHash);
        var body = await templates.RenderAsync("notification", subject, new Dictionary<string, object?>
        {
            ["heading"] = subject,
            ["items"] = lines.Select(l => Model(l, emailHash)).ToList(),
            ["preheader"] = lines.Count == 1 ? null : $"{lines.Count} notifications",
        }, unsubscribeUrl: all,
            reason: $"You get this email because you asked {email.Value.FromName} to tell you about new comments. The link below stops every such email.");
        return new EmailMessage(subject, body.Html, body.Text,
            [new EmailRecipient(address) { Headers = Newsletter.Subscribers.UnsubscribeLinks.HeadersForUrl(all) }])
        {
            Kind = Kind,
            CustomArgs = new Dictionary<string, string> { ["batch"] = batchId },
        };
    }

    private string Subject(IReadOnlyList<NotifyLine> lines)
    {
        var blog = email.Value.FromName;
        if (lines.Count > 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{lines.Count} new comments for you on {blog}");
        }
        return lines[0].Item.Kind switch
        {
            NotifyKind.Live => $"Your comment is live on {blog}",
            NotifyKind.Reply => $"New reply to your comment on {blog}",
            _ => $"New comment on a post you follow on {blog}",
        };
    }

    private Dictionary<string, object?> Model(NotifyLine line, string emailHash)
    {
        var (item, c) = (line.Item, line.Comment);
        var postUrl = web.CurrentValue.PostUrl(c.PostId);
        return new()
        {
            ["kind"] = item.Kind,
            ["author"] = c.Author,
            ["post_id"] = c.PostId,
            ["post_url"] = postUrl,
            ["comment_url"] = postUrl is null ? null : postUrl + "#comment-" + c.Id,
            ["created"] = c.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            // The Markdown as typed: the template encodes it, so nothing in it becomes markup or a live link.
            ["body"] = c.BodyMarkdown,
            ["thread_unsubscribe_url"] = item.SubscribedTo is { } to
                ? links.UnsubscribeUrl(emailHash, c.PostId, to == NotifyKeys.WholePost ? null : to)
                : null,
        };
    }
}
