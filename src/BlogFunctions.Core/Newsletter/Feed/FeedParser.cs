using System.Xml;
using System.Xml.Linq;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom into <see cref="FeedItem"/>s. DTDs are ignored, never
/// fetched or expanded (no XXE, no entity bombs), yet a document that declares one still parses.
/// </summary>
public static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public const long MaxCharacters = 16 * 1024 * 1024;

    /// <exception cref="FeedFormatException">The document is not XML or not a feed.</exception>
    public static IReadOnlyList<FeedItem> Parse(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            Async = false,
        };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException("The feed is not well-formed XML: " + e.Message, e);
        }
        var root = doc.Root ?? throw new FeedFormatException("The feed is empty.");
        IEnumerable<FeedItem> items = root.Name.LocalName switch
        {
            "rss" => root.Elements("channel").Elements("item").Select(i => FromRss(i, XNamespace.None)),
            "feed" when root.Name.Namespace == Atom => root.Elements(Atom + "entry").Select(FromAtom),
            "RDF" when root.Name.Namespace == Rdf => root.Elements(Rss1 + "item").Select(i => FromRss(i, Rss1)),
            _ => throw new FeedFormatException($"Unknown feed format <{root.Name.LocalName}>: expected RSS or Atom."),
        };
        return items.Where(i => i.Id.Length > 0).ToList();
    }

    private static FeedItem FromRss(XElement item, XNamespace ns)
    {
        var link = Text(item.Element(ns + "link"));
        var guid = Text(item.Element(ns + "guid"));
        var rdfAbout = (string?)item.Attribute(Rdf + "about") ?? "";
        var title = Text(item.Element(ns + "title"));
        var summary = FirstNonEmpty(Text(item.Element(ns + "description")), Text(item.Element(Content + "encoded")));
        var date = FeedDates.Parse(FirstNonEmpty(Text(item.Element(ns + "pubDate")), Text(item.Element(Dc + "date"))));
        // An item without a guid is identified by its link, then by its title: the best stable identity there is.
        var id = FirstNonEmpty(guid, rdfAbout, link, title);
        return Make(id, title, FirstNonEmpty(link, IsUrl(guid) ? guid : ""), summary, date);
    }

    private static FeedItem FromAtom(XElement entry)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var link = links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate") ?? links.FirstOrDefault();
        var href = (string?)link?.Attribute("href") ?? "";
        if (href.Length > 0 && entry.BaseUri is { Length: > 0 } && Uri.TryCreate(new Uri(entry.BaseUri), href, out var resolved))
        {
            href = resolved.ToString();
        }
        var summary = FirstNonEmpty(Text(entry.Element(Atom + "summary")), Text(entry.Element(Atom + "content")));
        var date = FeedDates.Parse(FirstNonEmpty(Text(entry.Element(Atom + "published")), Text(entry.Element(Atom + "updated"))));
        var title = Text(entry.Element(Atom + "title"));
        return Make(FirstNonEmpty(Text(entry.Element(Atom + "id")), href, title), title, href, summary, date);
    }

    private static FeedItem Make(string id, string title, string url, string summaryHtml, DateTimeOffset? date) =>
        new(Truncate(id, 1024), Truncate(PlainText.FromHtml(title), 300), IsUrl(url) ? url : "",
            PlainText.Excerpt(summaryHtml, 600), date);

    private static string Text(XElement? element) => element?.Value.Trim() ?? "";

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";

    private static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

public sealed class FeedFormatException : Exception
{
    public FeedFormatException() { }

    public FeedFormatException(string message) : base(message) { }

    public FeedFormatException(string message, Exception innerException) : base(message, innerException) { }
}
