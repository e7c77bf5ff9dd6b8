using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using BlogFunctions.Core.Newsletter.Feed;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// Issue #18: <see cref="FeedDates"/> against System.ServiceModel.Syndication, whose date reading is
/// internal and so is reached through a one-item feed. Each row: the date as a feed writes it, what
/// FeedDates reads (UTC, null for none), and what the library reads. "Throws" means SyndicationFeed.Load
/// fails for the whole feed: one odd date would stop every post of it. A library version that starts
/// agreeing on the rows FeedDates needs fails here, and FeedDates can go.
/// </summary>
public sealed class FeedDatesVsSyndicationTests
{
    private const string Same = "=";
    private const string Throws = "throws";

    public static TheoryData<string, string, string?, string> Dates => new()
    {
        // format, text, FeedDates, Syndication
        { "rss", "Tue, 24 Nov 2026 09:00:00 GMT", "2026-11-24T09:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 04:00:00 EST", "2026-11-24T09:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 +0000", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 -0430", "2026-11-24T14:30:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 +01:00", "2026-11-24T09:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 UT", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 Z", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 gmt", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00 PST", "2026-11-24T18:00:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00:00", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tue, 24 Nov 26 10:00:00 GMT", "2026-11-24T10:00:00Z", Same },
        { "rss", "Tuesday, 24-Nov-26 10:00:00 GMT", "2026-11-24T10:00:00Z", Same },
        { "rss", "24 Nov 2026 08:05 GMT", "2026-11-24T08:05:00Z", Same },
        { "rss", "Tue, 24 Nov 2026 10:00 GMT", "2026-11-24T10:00:00Z", Same },
        { "rss", "24 November 2026 10:00 EDT", "2026-11-24T14:00:00Z", Same },
        { "rss", "2026-11-24T08:00:00Z", "2026-11-24T08:00:00Z", Same },
        { "rss", "2026-11-24T10:00:00+02:00", "2026-11-24T08:00:00Z", Same },
        { "rss", "2026-11-24T10:00:00.123-03:00", "2026-11-24T13:00:00.123Z", Same },
        { "rss", "2026-11-24T10:00:00", "2026-11-24T10:00:00Z", Same },
        { "rss", "2026-11-24 10:00:00", "2026-11-24T10:00:00Z", Same },
        { "rss", "2026-11-24", "2026-11-24T00:00:00Z", Same },
        { "rss", "", null, Same },
        // Where FeedDates is needed: real feeds send these (see dates.xml), and a date is not worth a feed.
        { "rss", "Fri, 24 Nov 2026 10:00:00 GMT", "2026-11-24T10:00:00Z", Throws },
        { "rss", "Tue, 24 Nov 2026 11:00:00 CET", "2026-11-24T10:00:00Z", Throws },
        { "rss", "24 Nov 2026 10:05 CEST", "2026-11-24T08:05:00Z", Throws },
        { "rss", "Tue, 24 Nov 2026 10:00:60 GMT", "2026-11-24T10:00:59Z", Throws },
        { "rss", "Tue, 24 Nov 2026 10:00:00 XYZ", null, Throws },
        { "rss", "Tue, 24 Nov 2026 25:00:00 GMT", null, Throws },
        { "rss", "Tue, 24 Foo 2026 10:00:00 GMT", null, Throws },
        { "rss", "Tue, 31 Feb 2026 10:00:00 GMT", null, Throws },
        { "rss", "Tue, 24 Nov 2026 10:00:00 +2500", null, Throws },
        { "rss", "last Tuesday-ish", null, Throws },
        { "rss", "   ", null, Throws },
        // The library reads a US-style date; no feed writer sends one, so FeedDates need not.
        { "rss", "11/24/2026", null, "2026-11-24T00:00:00Z" },
        // Atom: the library takes strict RFC 3339 only and drops fractions of a second.
        { "atom", "2026-11-24T08:00:00Z", "2026-11-24T08:00:00Z", Same },
        { "atom", "2026-11-24T10:00:00+02:00", "2026-11-24T08:00:00Z", Same },
        { "atom", "2026-11-24T10:00:00.123-03:00", "2026-11-24T13:00:00.123Z", "2026-11-24T13:00:00Z" },
        { "atom", "2026-11-24T10:00:00", "2026-11-24T10:00:00Z", Throws },
        { "atom", "2026-11-24", "2026-11-24T00:00:00Z", Throws },
        { "atom", "Tue, 24 Nov 2026 09:00:00 GMT", "2026-11-24T09:00:00Z", Throws },
        { "atom", "last Tuesday-ish", null, Throws },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void FeedDates_and_Syndication_read_each_date_as_the_row_says(string format, string text, string? ours, string library)
    {
        Assert.Equal(ours, Iso(FeedDates.Parse(text)));
        Assert.Equal(library == Same ? ours : library, Syndication(format, text));
    }

    private static string? Syndication(string format, string text)
    {
        var date = new XText(text).ToString();
        var xml = format == "atom"
            ? "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><id>f</id><updated>2026-01-01T00:00:00Z</updated>"
              + $"<entry><id>e</id><title>t</title><updated>2026-01-01T00:00:00Z</updated><published>{date}</published></entry></feed>"
            : "<rss version='2.0'><channel><title>t</title><link>https://x.example/</link><description>d</description>"
              + $"<item><title>t</title><pubDate>{date}</pubDate></item></channel></rss>";
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml));
            var published = SyndicationFeed.Load(reader).Items.Single().PublishDate;
            // An empty pubDate leaves the default: no date.
            return published == default ? null : Iso(published);
        }
        catch (XmlException)
        {
            return Throws;
        }
    }

    private static string? Iso(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);
}
