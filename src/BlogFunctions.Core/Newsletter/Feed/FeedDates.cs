using System.Globalization;
using System.Text.RegularExpressions;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>
/// Lenient dates for feeds. RSS says RFC 822, but real feeds send named zones (EST, CEST),
/// two-digit years, missing seconds or weekdays, wrong weekdays and ISO 8601; Atom says RFC 3339.
/// An unreadable date yields null, never an exception: a bad date must not stop a sync.
/// </summary>
// Kept because System.ServiceModel.Syndication throws, failing the whole feed, on wrong weekdays, CET/CEST,
// ":60" and any unreadable date, and reads Atom as strict RFC 3339 only (see FeedDatesVsSyndicationTests).
internal static partial class FeedDates
{
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["CET"] = 60, ["CEST"] = 120, ["BST"] = 60, ["IST"] = 330, ["JST"] = 540,
        ["AEST"] = 600, ["AEDT"] = 660,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var s = text.Trim();
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var iso)
            && IsoLike().IsMatch(s))
        {
            return iso;
        }
        return ParseRfc822(s);
    }

    private static DateTimeOffset? ParseRfc822(string s)
    {
        var m = Rfc822().Match(s);
        if (!m.Success)
        {
            return null;
        }
        var month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100)
        {
            year += year < 70 ? 2000 : 1900;
        }
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (month == 0 || day is < 1 or > 31 || hour > 23 || minute > 59 || second > 60
            || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        var offset = Zone(m.Groups["zone"].Value);
        if (offset is null)
        {
            return null;
        }
        // Leap seconds (":60") and wrong weekdays are tolerated: the rest of the date is what matters.
        return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset.Value);
    }

    private static TimeSpan? Zone(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }
        if (ZoneMinutes.TryGetValue(zone, out var minutes))
        {
            return TimeSpan.FromMinutes(minutes);
        }
        var z = NumericZone().Match(zone);
        if (!z.Success)
        {
            return null;
        }
        var total = int.Parse(z.Groups["hh"].Value, CultureInfo.InvariantCulture) * 60
            + int.Parse(z.Groups["mm"].Value, CultureInfo.InvariantCulture);
        return total > 14 * 60 ? null : TimeSpan.FromMinutes(z.Groups["sign"].Value == "-" ? -total : total);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoLike();

    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s*)?(?<day>\d{1,2})[\s-]+(?<mon>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{2,4}),?\s+(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?(?:\.\d+)?\s*(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"^(?<sign>[+-])(?<hh>\d{2}):?(?<mm>\d{2})$")]
    private static partial Regex NumericZone();
}
