using System.Globalization;
using System.Text;
using System.Xml;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Feeds;

/// <summary>What a feed says about itself.</summary>
internal sealed record FeedHead(string Id, string Title, string SelfUrl, string? AlternateUrl);

/// <summary>
/// Writes an Atom 1.0 document (RFC 4287) of approved comments. Each entry's content is the
/// comment's stored HTML, which only our Markdown renderer ever produced (sanitised on the way in),
/// written as escaped text with type="html" so no reader parses it as part of the feed.
/// </summary>
internal static class AtomWriter
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedHead head, IReadOnlyList<CommentEntity> comments, Func<string, string?> postUrl, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, head.Id);
            xml.WriteElementString("title", Atom, head.Title);
            // An empty feed still needs a date: the newest comment's, else now.
            xml.WriteElementString("updated", Atom, Date(comments.Count > 0 ? comments.Max(Updated) : now));
            Link(xml, "self", head.SelfUrl, "application/atom+xml");
            if (head.AlternateUrl is not null)
            {
                Link(xml, "alternate", head.AlternateUrl, "text/html");
            }
            xml.WriteStartElement("generator", Atom);
            xml.WriteString("BlogFunctions");
            xml.WriteEndElement();
            foreach (var c in comments)
            {
                Entry(xml, c, postUrl(c.PostId));
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void Entry(XmlWriter xml, CommentEntity c, string? postUrl)
    {
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, $"urn:blogfunctions:comment:{c.PostId}:{c.Id}");
        xml.WriteElementString("title", Atom, $"{c.Author} on {c.PostId}");
        xml.WriteElementString("published", Atom, Date(c.CreatedAt));
        xml.WriteElementString("updated", Atom, Date(Updated(c)));
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, c.Author);
        if (c.Website is not null)
        {
            xml.WriteElementString("uri", Atom, c.Website);
        }
        xml.WriteEndElement();
        if (postUrl is not null)
        {
            Link(xml, "alternate", postUrl + "#comment-" + c.Id, "text/html");
        }
        xml.WriteStartElement("content", Atom);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(c.BodyHtml);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static DateTimeOffset Updated(CommentEntity c) => c.ModeratedAt is { } m && m > c.CreatedAt ? m : c.CreatedAt;

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
