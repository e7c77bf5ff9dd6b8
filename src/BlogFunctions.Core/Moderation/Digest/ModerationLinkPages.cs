using System.Globalization;
using System.Text;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Web;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>The pages a moderator sees after following a one-click link. Every value is HTML-encoded.</summary>
internal sealed class ModerationLinkPages(IOptions<PublicUrlOptions> urls, IOptionsMonitor<WebOptions> web)
{
    public IResult Confirm(ModerationLink link, CommentEntity comment, string formAction, string token) =>
        HtmlPage.Render(Question(link.Action),
            Card(comment) + PostLink(comment.PostId)
            + HtmlPage.Form(formAction, Button(link.Action), new Dictionary<string, string> { ["token"] = token })
            + HtmlPage.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Nothing has changed yet. This link works once, until {link.IssuedAt + ModerationLinkTokens.ValidFor:yyyy-MM-dd HH:mm} UTC."), muted: true));

    public IResult Done(ModerationLink link, CommentEntity comment, string status)
    {
        var after = link.Action == ModerationAction.Approve
            ? "It is published on the post now."
            : "It stays hidden from readers.";
        return HtmlPage.Render(Done(link.Action),
            HtmlPage.Paragraph($"The comment by {comment.Author} on {comment.PostId} is now {status}. {after}")
            + PostLink(comment.PostId) + QueueLink());
    }

    public IResult AlreadyUsed(CommentEntity? comment) => HtmlPage.Render("This link was already used",
        HtmlPage.Paragraph("Each link in a moderator email works once, and this one has been used, so nothing was changed.")
        + (comment is null ? "" : HtmlPage.Paragraph($"The comment is {comment.Status} now."))
        + QueueLink(), 400);

    public IResult AlreadyModerated(CommentEntity comment) => HtmlPage.Render("Already moderated",
        HtmlPage.Paragraph(comment.ModeratedAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"Someone already moderated this comment: it has been {comment.Status} since {at:yyyy-MM-dd HH:mm} UTC. Nothing was changed.")
            : $"This comment is already {comment.Status}. Nothing was changed.")
        + Card(comment) + QueueLink(), 409);

    /// <summary>The comment is no longer the version the email showed (edited, erased, or moderated in a race with this click).</summary>
    public IResult Changed(CommentEntity? comment) => HtmlPage.Render("This comment changed since the email was sent",
        HtmlPage.Paragraph("Someone or something changed it after this email was written, so this link no longer applies and nothing was changed. Open the moderation queue to see it as it is now and decide there.")
        + (comment is null ? "" : HtmlPage.Paragraph($"The comment is {comment.Status} now.") + Card(comment))
        + QueueLink(), 409);

    public IResult NotFound() => HtmlPage.Render("This comment no longer exists",
        HtmlPage.Paragraph("It was deleted after the email was sent. Nothing was changed.") + QueueLink(), 404);

    public IResult Invalid() => HtmlPage.Render("This link does not work",
        HtmlPage.Paragraph($"The link is incomplete, altered or older than {(int)ModerationLinkTokens.ValidFor.TotalDays} days, so nothing was changed. Held comments stay in the moderation queue until someone reviews them.")
        + QueueLink(), 400);

    private static string Card(CommentEntity c)
    {
        var sb = new StringBuilder("<div style=\"border:1px solid #d4d4d8;border-radius:6px;padding:1rem;margin:0 0 1.5rem\">");
        sb.Append("<p style=\"margin:0 0 .5rem\"><strong>").Append(HtmlPage.Encode(c.Author)).Append("</strong>");
        if (c.Email is not null)
        {
            sb.Append(" &lt;").Append(HtmlPage.Encode(c.Email)).Append("&gt;");
        }
        sb.Append("<br><span class=\"muted\">on ").Append(HtmlPage.Encode(c.PostId)).Append(", ")
            .Append(HtmlPage.Encode(c.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · status: <strong>").Append(HtmlPage.Encode(c.Status)).Append("</strong></span></p>");
        if (c.Website is not null)
        {
            sb.Append("<p class=\"muted\" style=\"margin:0 0 .5rem\">Website given: ").Append(HtmlPage.Encode(c.Website)).Append("</p>");
        }
        sb.Append("<pre style=\"white-space:pre-wrap;word-break:break-word;font:.95rem/1.5 ui-monospace,Menlo,Consolas,monospace;margin:0\">")
            .Append(HtmlPage.Encode(c.BodyMarkdown)).Append("</pre>");
        if (c.ReasonList.Count > 0)
        {
            sb.Append("<p class=\"muted\" style=\"margin:.5rem 0 0\">Held because: ").Append(HtmlPage.Encode(string.Join(", ", c.ReasonList))).Append("</p>");
        }
        return sb.Append("</div>").ToString();
    }

    private string PostLink(string postId)
    {
        var template = web.CurrentValue.PostUrlTemplate;
        var url = string.IsNullOrWhiteSpace(template) ? null : template.Replace("{postId}", Uri.EscapeDataString(postId), StringComparison.Ordinal);
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? $"<p><a href=\"{HtmlPage.Encode(u.AbsoluteUri)}\">Open the post</a></p>"
            : "";
    }

    private string QueueLink() =>
        $"<p class=\"muted\"><a href=\"{HtmlPage.Encode(urls.Value.Api(WebApi.ModerationUiTemplate).AbsoluteUri)}\">The moderation page</a> lists every comment waiting for review.</p>";

    private static string Question(ModerationAction a) => a switch
    {
        ModerationAction.Approve => "Approve this comment?",
        ModerationAction.Reject => "Reject this comment?",
        _ => "Mark this comment as spam?",
    };

    private static string Button(ModerationAction a) => a switch
    {
        ModerationAction.Approve => "Approve and publish",
        ModerationAction.Reject => "Reject",
        _ => "Mark as spam",
    };

    private static string Done(ModerationAction a) => a switch
    {
        ModerationAction.Approve => "Comment approved",
        ModerationAction.Reject => "Comment rejected",
        _ => "Comment marked as spam",
    };
}
