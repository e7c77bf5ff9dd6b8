using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>The feed formats and quirks the sync must read, from small hand-written fixtures in Feeds/.</summary>
public sealed class FeedParserTests
{
    public static TheoryData<string, string, string, string, string?, string> Items => new()
    {
        // fixture, id, title, url, published (UTC, ISO), summary
        { "rss2.xml", "stretch-notes-0042", "Tight glutes & lower back pain", "https://blog.example/2026/11/tight-glutes",
            "2026-11-23T14:30:00Z", "Why tight glutes pull on your lower back." },
        { "rss2.xml", "https://blog.example/?p=41", "Hip flexors after a desk day", "https://blog.example/2026/11/hip-flexors",
            "2026-11-22T17:00:00Z", "Three moves for the evening." },
        { "rss2.xml", "posts/no-guid.html", "No guid, no date", "https://blog.example/posts/no-guid.html", null, "Identified by its link." },
        { "wordpress.xml", "https://wp.example/?p=1207", "Squats, knees & myths", "https://wp.example/squats-knees-myths/",
            "2026-11-24T07:15:00Z", "Deep squats are not bad for healthy knees. Here is why, and how to build up to them." },
        { "atom.xml", "tag:atom.example,2026:ankles-first", "Ankles first", "https://atom.example/blog/2026/ankles-first",
            "2026-11-24T07:00:00Z", "Mobile ankles make every squat easier." },
        { "atom.xml", "tag:atom.example,2026:only-updated", "Only updated", "https://atom.example/other/only-updated",
            "2026-11-20T12:00:00Z", "Content instead of a summary." },
        { "rdf.xml", "https://rdf.example/2026/shoulders", "Shoulders in the morning", "https://rdf.example/2026/shoulders",
            "2026-11-21T11:45:00Z", "Two minutes with a towel." },
        { "doctype-public.xml", "https://old.example/1", "Still readable", "https://old.example/1", null, "" },
    };

    [Theory]
    [MemberData(nameof(Items))]
    public void Reads_each_format_into_the_same_item_shape(string fixture, string id, string title, string url, string? published, string summary)
    {
        var items = Parse(fixture);
        var item = Assert.Single(items, i => i.Id == id);
        Assert.Equal(title, item.Title);
        Assert.Equal(url, item.Url);
        Assert.Equal(published is null ? null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), item.PublishedAt);
        Assert.Equal(summary, item.Summary);
    }

    [Fact]
    public void Drops_scripts_and_styles_of_content_encoded()
    {
        var item = Assert.Single(Parse("wordpress.xml"));
        Assert.DoesNotContain("alert", item.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("color", item.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> Dates => new()
    {
        { "named-zone", "2026-11-24T09:00:00Z" },
        { "no-seconds-no-weekday", "2026-11-24T08:05:00Z" },
        { "two-digit-year", "2026-11-24T10:00:00Z" },
        { "wrong-weekday", "2026-11-24T10:00:00Z" },
        { "iso-in-rss", "2026-11-24T08:00:00Z" },
        { "missing", null },
        { "garbage", null },
        { "impossible", null },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Reads_odd_dates_and_never_fails_on_a_bad_one(string itemId, string? expected)
    {
        var item = Assert.Single(Parse("dates.xml"), i => i.Id == itemId);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.PublishedAt);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 10:00:00 -0430", "2026-11-24T14:30:00Z")]
    [InlineData("Tue, 24 Nov 2026 10:00:00 UT", "2026-11-24T10:00:00Z")]
    [InlineData("24 November 2026 10:00 EDT", "2026-11-24T14:00:00Z")]
    [InlineData("2026-11-24", "2026-11-24T00:00:00Z")]
    [InlineData("2026-11-24T10:00:00.123-03:00", "2026-11-24T13:00:00.123Z")]
    [InlineData("Tue, 24 Nov 2026 10:00:00 XYZ", null)]
    [InlineData("Tue, 24 Nov 2026 25:00:00 GMT", null)]
    [InlineData("Tue, 24 Foo 2026 10:00:00 GMT", null)]
    [InlineData("   ", null)]
    public void Date_rules(string text, string? expected) =>
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FeedDates.Parse(text));

    [Theory]
    [InlineData("doctype-entities.xml")]
    [InlineData("doctype-external.xml")]
    public void Refuses_documents_that_use_declared_entities(string fixture)
    {
        // Neither expanded (the nested entities would make ~1 GB) nor fetched: refused as a bad feed.
        var e = Assert.Throws<FeedFormatException>(() => Parse(fixture));
        Assert.Contains("entity", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<html><body>not a feed</body></html>")]
    [InlineData("<rss><channel><item><title>unclosed")]
    [InlineData("")]
    public void Refuses_what_is_not_a_feed(string body) =>
        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))));

    internal static string FixturePath(string name) => RepoPaths.Combine("tests", "BlogFunctions.Tests", "Newsletter", "Feeds", name);

    private static IReadOnlyList<FeedItem> Parse(string fixture)
    {
        var feedUrl = new Uri(fixture switch
        {
            "wordpress.xml" => "https://wp.example/feed/",
            "atom.xml" => "https://atom.example/feed.atom",
            _ => "https://blog.example/feed.xml",
        });
        using var stream = File.OpenRead(FixturePath(fixture));
        return FeedParser.Parse(stream, feedUrl);
    }
}
