using System.Xml;
using System.Xml.Linq;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom into <see cref="FeedItem"/>s. DTDs are ignored, never
/// fetched or expanded (no XXE, no entity bombs), yet a document that declares one still parses;
/// one that uses a declared entity is refused. Relative links are resolved against xml:base and
/// then the feed's own URL, as feed readers do.
/// </summary>
internal static class FeedParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    public const long MaxCharacters = 16 * 1024 * 1024;

    /// <exception cref="FeedFormatException">The document is not XML or not a feed.</exception>
    public static IReadOnlyList<FeedItem> Parse(Stream stream, Uri? feedUrl = null)
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
            "rss" => root.Elements("channel").Elements("item").Select(i => FromRss(i, XNamespace.None, feedUrl)),
            "feed" when root.Name.Namespace == Atom => root.Elements(Atom + "entry").Select(e => FromAtom(e, feedUrl)),
            "RDF" when root.Name.Namespace == Rdf => root.Elements(Rss1 + "item").Select(i => FromRss(i, Rss1, feedUrl)),
            _ => throw new FeedFormatException($"Unknown feed format <{root.Name.LocalName}>: expected RSS or Atom."),
        };
        return items.Where(i => i.Id.Length > 0).ToList();
    }

    private static FeedItem FromRss(XElement item, XNamespace ns, Uri? feedUrl)
    {
        var rawLink = Text(item.Element(ns + "link"));
        var link = Resolve(rawLink, BaseOf(item, feedUrl));
        var guid = Text(item.Element(ns + "guid"));
        var rdfAbout = (string?)item.Attribute(Rdf + "about") ?? "";
        var title = Text(item.Element(ns + "title"));
        var summary = FirstNonEmpty(Text(item.Element(ns + "description")), Text(item.Element(Content + "encoded")));
        var date = FeedDates.Parse(FirstNonEmpty(Text(item.Element(ns + "pubDate")), Text(item.Element(Dc + "date"))));
        // An item without a guid is identified by its link as written (moving the feed must not make it new),
        // then by its title: the best stable identity there is.
        var id = FirstNonEmpty(guid, rdfAbout, rawLink, title);
        return Make(id, title, FirstNonEmpty(link, IsUrl(guid) ? guid : ""), summary, date);
    }

    private static FeedItem FromAtom(XElement entry, Uri? feedUrl)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var link = links.FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate") ?? links.FirstOrDefault();
        var href = link is null ? "" : Resolve(((string?)link.Attribute("href") ?? "").Trim(), BaseOf(link, feedUrl));
        var summary = FirstNonEmpty(Text(entry.Element(Atom + "summary")), Text(entry.Element(Atom + "content")));
        var date = FeedDates.Parse(FirstNonEmpty(Text(entry.Element(Atom + "published")), Text(entry.Element(Atom + "updated"))));
        var title = Text(entry.Element(Atom + "title"));
        return Make(FirstNonEmpty(Text(entry.Element(Atom + "id")), href, title), title, href, summary, date);
    }

    private static FeedItem Make(string id, string title, string url, string summaryHtml, DateTimeOffset? date) =>
        new(Truncate(id, 1024), Truncate(PlainText.FromHtml(title), 300), IsUrl(url) ? url : "",
            PlainText.Excerpt(summaryHtml, 600), date);

    /// <summary>The base URI in effect at <paramref name="element"/>: the feed URL, refined by each xml:base from the root inwards.</summary>
    private static Uri? BaseOf(XElement element, Uri? feedUrl)
    {
        var current = feedUrl;
        foreach (var declared in element.AncestorsAndSelf().Reverse())
        {
            var value = ((string?)declared.Attribute(XNamespace.Xml + "base"))?.Trim();
            if (!string.IsNullOrEmpty(value))
            {
                current = Absolute(value, current) ?? current;
            }
        }
        return current;
    }

    private static string Resolve(string href, Uri? baseUri) => href.Length == 0 ? "" : Absolute(href, baseUri)?.ToString() ?? href;

    /// <summary>An absolute http(s) URI for <paramref name="href"/>, resolved against <paramref name="baseUri"/> if relative.</summary>
    private static Uri? Absolute(string href, Uri? baseUri)
    {
        // On Unix "/2026/post" parses as an absolute file: URI, so only http(s) counts as already absolute.
        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && IsHttp(absolute))
        {
            return absolute;
        }
        return baseUri is not null && Uri.TryCreate(baseUri, href, out var resolved) && IsHttp(resolved) ? resolved : null;
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static string Text(XElement? element) => element?.Value.Trim() ?? "";

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";

    private static bool IsUrl(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && IsHttp(uri);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

internal sealed class FeedFormatException : Exception
{
    public FeedFormatException() { }

    public FeedFormatException(string message) : base(message) { }

    public FeedFormatException(string message, Exception innerException) : base(message, innerException) { }
}
