using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Comments.Screening;

namespace BlogFunctions.Tests.Comments;

public sealed class ScreeningRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "honeypot")]
    public void Honeypot(bool filled, string? reason) => Assert.Equal(reason, ScreeningRules.Honeypot(filled)?.Reason);

    [Theory]
    [InlineData(0, 2, null)]
    [InlineData(2, 2, null)]
    [InlineData(3, 2, "links:3>2")]
    [InlineData(1, 0, "links:1>0")]
    public void Too_many_links_holds(int links, int max, string? reason)
    {
        var finding = ScreeningRules.TooManyLinks(links, max);
        Assert.Equal(reason, finding?.Reason);
        Assert.True(finding is null || finding.Severity == Severity.Hold);
    }

    [Theory]
    [InlineData("Buy cheap pills now", "pills", "blocked_word:pills")]
    [InlineData("BUY CHEAP PILLS", "pills", "blocked_word:pills")]
    [InlineData("Spillsover is a word", "pills", null)]
    [InlineData("casino-royale", "casino", "blocked_word:casino")]
    [InlineData("nothing here", "", null)]
    [InlineData("a.b+c matters", "a.b+c", "blocked_word:a.b+c")]
    [InlineData("aXb+c", "a.b+c", null)]
    public void Blocked_word_is_whole_word_and_case_insensitive(string text, string word, string? reason) =>
        Assert.Equal(reason, ScreeningRules.BlockedWord(text, [word])?.Reason);

    [Theory]
    [InlineData("spam.example", "spam.example", "blocked_host:spam.example")]
    [InlineData("www.spam.example", "spam.example", "blocked_host:spam.example")]
    [InlineData("notspam.example", "spam.example", null)]
    [InlineData("spam.example.org", "spam.example", null)]
    [InlineData("spam.example", ".SPAM.example", "blocked_host:spam.example")]
    public void Blocked_host_matches_host_and_subdomains(string host, string blocked, string? reason) =>
        Assert.Equal(reason, ScreeningRules.BlockedHost([host], [blocked])?.Reason);

    [Theory]
    [InlineData(null, null)]
    [InlineData(-60, "duplicate")]
    [InlineData(-(24 * 60) + 1, "duplicate")]
    [InlineData(-(24 * 60) - 1, null)]
    public void Duplicate_within_24_hours(int? minutesAgo, string? reason) =>
        Assert.Equal(reason, ScreeningRules.Duplicate(minutesAgo is { } m ? Now.AddMinutes(m) : null, Now)?.Reason);

    [Theory]
    [InlineData(nameof(ModerationMode.All), true, 0, "mode:all")]
    [InlineData(nameof(ModerationMode.FirstTime), false, 0, "first_time")]
    [InlineData(nameof(ModerationMode.FirstTime), true, 1, null)]
    [InlineData(nameof(ModerationMode.Links), false, 0, null)]
    [InlineData(nameof(ModerationMode.Links), true, 1, "has_links")]
    [InlineData(nameof(ModerationMode.None), false, 5, null)]
    // Enum names, not values: the enums are internal to Core and a public test method cannot take them.
    public void Mode_decides_what_waits(string mode, bool known, int links, string? reason) =>
        Assert.Equal(reason, ScreeningRules.Mode(Enum.Parse<ModerationMode>(mode), known, links)?.Reason);

    [Theory]
    [InlineData("no links at all", 0, "")]
    [InlineData("see https://a.example/x and http://B.example", 2, "a.example,b.example")]
    [InlineData("[text](https://c.example/page) and www.d.example", 2, "c.example,www.d.example")]
    [InlineData("<https://e.example>", 1, "e.example")]
    [InlineData("ftp://f.example/file", 1, "f.example")]
    public void Links_and_hosts_are_found(string text, int links, string hosts)
    {
        Assert.Equal(links, ScreeningRules.CountLinks(text));
        Assert.Equal(hosts, string.Join(',', ScreeningRules.Hosts(text)));
    }

    [Theory]
    [InlineData("Plain words", "", false, null, nameof(ModerationMode.None), "approved", "")]
    [InlineData("Plain words", "", true, null, nameof(ModerationMode.None), "spam", "honeypot")]
    [InlineData("a http://1.example b http://2.example c http://3.example", "", false, null, nameof(ModerationMode.None), "pending", "links:3>2")]
    [InlineData("Visit http://bad.example", "", false, null, nameof(ModerationMode.None), "spam", "blocked_host:bad.example")]
    [InlineData("Hello", "https://www.bad.example/", false, null, nameof(ModerationMode.None), "spam", "blocked_host:bad.example")]
    [InlineData("cheap viagra", "", false, null, nameof(ModerationMode.None), "spam", "blocked_word:viagra")]
    [InlineData("Hello", "", false, -5, nameof(ModerationMode.None), "spam", "duplicate")]
    [InlineData("Hello", "", false, null, nameof(ModerationMode.FirstTime), "pending", "first_time")]
    [InlineData("cheap viagra", "", false, null, nameof(ModerationMode.All), "spam", "blocked_word:viagra|mode:all")]
    public void Screener_combines_rules(string body, string website, bool honeypot, int? dupMinutesAgo, string modeName,
        string status, string reasons)
    {
        var input = new ValidComment("Ann", null, website.Length == 0 ? null : website, body, null, "t", honeypot);
        var options = new CommentsOptions { Mode = Enum.Parse<ModerationMode>(modeName), BlockedWords = ["viagra"], BlockedHosts = ["bad.example"] };
        var verdict = CommentScreener.Screen(input,
            new ScreeningFacts(false, dupMinutesAgo is { } m ? Now.AddMinutes(m) : null), options, Now);
        Assert.Equal(status, verdict.Status);
        Assert.Equal(reasons, string.Join('|', verdict.Reasons));
    }

    [Theory]
    [InlineData(-600, 3, nameof(FormTokenCheck.Invalid))]
    [InlineData(-30, 3, nameof(FormTokenCheck.TooFast))]
    [InlineData(1, 3, nameof(FormTokenCheck.TooFast))]
    [InlineData(3, 3, nameof(FormTokenCheck.Valid))]
    [InlineData(0, 0, nameof(FormTokenCheck.Valid))]
    [InlineData(24 * 3600, 3, nameof(FormTokenCheck.Valid))]
    [InlineData(24 * 3600 + 1, 3, nameof(FormTokenCheck.Expired))]
    public void Form_token_age(int ageSeconds, int minSeconds, string expected) =>
        Assert.Equal(Enum.Parse<FormTokenCheck>(expected), FormTokens.Classify(TimeSpan.FromSeconds(ageSeconds), TimeSpan.FromSeconds(minSeconds)));
}
