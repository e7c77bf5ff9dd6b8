using System.Text;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Preferences;

/// <summary>The preference page's HTML (every value encoded; forms post back to the same signed URL).</summary>
internal static class PreferencesPage
{
    private static readonly (string Value, string Label)[] Cadences =
    [
        (SubscriberCadence.EachPost, "An email for each new post"),
        (SubscriberCadence.Weekly, "One weekly digest of the week's posts (nothing in a week without posts)"),
        (SubscriberCadence.Paused, "Paused: no newsletter emails until you change this"),
    ];

    public static string Describe(string cadence) => cadence switch
    {
        SubscriberCadence.Weekly => "a weekly digest",
        SubscriberCadence.Paused => "paused, no newsletter emails",
        _ => "an email for each new post",
    };

    public static IResult Render(string action, SubscriberEntity? subscriber, IReadOnlyList<FollowedThread> threads, string? notice)
    {
        var sb = new StringBuilder();
        if (notice is not null)
        {
            sb.Append("<p role=\"status\"><strong>").Append(HtmlPage.Encode(notice)).Append("</strong></p>");
        }
        sb.Append("<h2>New posts</h2>");
        if (subscriber?.Status == SubscriberStatus.Active)
        {
            var current = SubscriberCadence.Of(subscriber.Cadence);
            sb.Append("<form method=\"post\" action=\"").Append(HtmlPage.Encode(action)).Append("\">")
              .Append("<input type=\"hidden\" name=\"action\" value=\"cadence\"><fieldset><legend>How often?</legend>");
            foreach (var (value, label) in Cadences)
            {
                sb.Append("<p><label><input type=\"radio\" name=\"cadence\" value=\"").Append(value).Append('"')
                  .Append(value == current ? " checked" : "").Append("> ").Append(HtmlPage.Encode(label)).Append("</label></p>");
            }
            sb.Append("</fieldset><p><button type=\"submit\">Save</button></p></form>");
        }
        else
        {
            sb.Append(HtmlPage.Paragraph("This address is not subscribed to new posts. To subscribe, use the form on the blog."));
        }
        sb.Append("<h2>Followed comment threads</h2>");
        if (threads.Count == 0)
        {
            sb.Append(HtmlPage.Paragraph("No followed threads.", muted: true));
        }
        else
        {
            sb.Append("<ul>");
            foreach (var thread in threads)
            {
                sb.Append("<li>").Append(HtmlPage.Encode(thread.Title));
                if (SafeLink(thread.UnfollowUrl) is { } href)
                {
                    sb.Append(" · <a href=\"").Append(HtmlPage.Encode(href)).Append("\">Unfollow</a>");
                }
                sb.Append("</li>");
            }
            sb.Append("</ul>");
        }
        sb.Append("<h2>Everything</h2>")
          .Append(HtmlPage.Paragraph("No more newsletter emails and no more notifications about comment threads."))
          .Append(HtmlPage.Form(action, "Unsubscribe from all", new Dictionary<string, string> { ["action"] = "unsubscribe-all" }));
        return HtmlPage.Render("Email preferences", sb.ToString());
    }

    public static IResult UnsubscribedFromAll() => HtmlPage.Render("You are unsubscribed from everything",
        HtmlPage.Paragraph("You will get no more newsletter emails and no notifications about comment threads. Changed your mind? Subscribe again on the blog at any time."));

    /// <param name="code">A stable code naming what was wrong, shown on the page for support.</param>
    public static IResult Invalid(string code) => HtmlPage.Render(code == PreferencesHandlers.InvalidLinkCode ? "This link does not work" : "That did not work",
        HtmlPage.Paragraph(code == PreferencesHandlers.InvalidLinkCode
            ? "The preferences link is incomplete or altered, so nothing was changed. Use the link from the email itself, untouched."
            : "The form was incomplete, so nothing was changed. Go back and choose one of the options.")
        + HtmlPage.Paragraph("Code: " + code, muted: true), 400);

    /// <summary>An unfollow link only to a web address or a path on this API: never javascript: or data:.</summary>
    private static string? SafeLink(string url) =>
        url.StartsWith('/') ? (url.StartsWith("//", StringComparison.Ordinal) ? null : url)
        : Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.AbsoluteUri : null;
}
