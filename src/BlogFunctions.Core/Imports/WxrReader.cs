using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A WordPress export (WXR): each <c>&lt;item&gt;</c> is a post (link, wp:post_name) holding its
/// <c>wp:comment</c> elements. comment_approved: 1 approved, 0 held, spam, trash (deleted).
/// Pingbacks and trackbacks are not comments people wrote: skipped. The content is WordPress's
/// raw text, where blank lines are paragraphs and single newlines line breaks (what its
/// auto-paragraph filter shows), with some inline HTML.
/// </summary>
internal sealed class WxrReader(string path) : ISourceReader
{
    private static readonly string[] GmtFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    public async IAsyncEnumerable<SourceComment> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (item, _) in XmlElements.ReadAsync(path, 2, ["item"], cancellationToken))
        {
            var link = item.ChildText("link") ?? "";
            var name = item.ChildText("post_name");
            foreach (var comment in item.Elements().Where(e => e.Name.LocalName == "comment"))
            {
                if (Read(comment, link, name) is { } read)
                {
                    yield return read;
                }
            }
        }
    }

    private static SourceComment? Read(XElement c, string link, string? name)
    {
        var id = c.ChildText("comment_id");
        if (string.IsNullOrEmpty(id))
        {
            return null; // nothing to key it by, so nothing that could be imported once only
        }
        var type = c.ChildText("comment_type");
        var state = c.ChildText("comment_approved") switch
        {
            "1" or "approve" => SourceState.Approved,
            "spam" => SourceState.Spam,
            "trash" or "post-trashed" => SourceState.Deleted,
            _ => SourceState.Pending,
        };
        if (type is "pingback" or "trackback")
        {
            state = SourceState.Ignored;
        }
        var parent = c.ChildText("comment_parent");
        var created = XmlElements.Date(c.ChildText("comment_date_gmt"), GmtFormats)
            ?? XmlElements.Date(c.ChildText("comment_date"), GmtFormats);
        return new SourceComment(id, parent is null or "" or "0" ? null : parent, link, created,
            c.ChildText("comment_author") ?? "", c.ChildText("comment_author_email"), c.ChildText("comment_author_url"),
            Paragraphs(c.ChildText("comment_content") ?? ""), BodyKind.Html, state)
        {
            ThreadName = name,
            SkipReason = state == SourceState.Ignored ? type : null,
        };
    }

    /// <summary>WordPress's blank-line paragraphs and newline breaks, as the HTML it would show.</summary>
    private static string Paragraphs(string content)
    {
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(paragraphs.Select(p => "<p>" + p.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>"));
    }
}
