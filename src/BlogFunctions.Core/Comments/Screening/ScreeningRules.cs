using System.Text.RegularExpressions;

namespace BlogFunctions.Core.Comments.Screening;

/// <summary>What a rule found. Spam is never shown; Hold waits for a moderator.</summary>
internal enum Severity
{
    Hold,
    Spam,
}

internal sealed record Finding(Severity Severity, string Reason);

/// <summary>
/// Every screening rule as a pure function of its inputs, so each is tested by a table of cases.
/// Reasons are short stable strings recorded on the comment for moderators.
/// </summary>
internal static partial class ScreeningRules
{
    public static Finding? Honeypot(bool filled) => filled ? new(Severity.Spam, "honeypot") : null;

    public static Finding? TooManyLinks(int links, int maxLinks) =>
        links > maxLinks ? new(Severity.Hold, $"links:{links}>{maxLinks}") : null;

    public static Finding? BlockedWord(string text, IEnumerable<string> blockedWords)
    {
        foreach (var word in blockedWords)
        {
            var w = word.Trim();
            if (w.Length > 0 && ContainsWord(text, w))
            {
                return new(Severity.Spam, "blocked_word:" + w.ToLowerInvariant());
            }
        }
        return null;
    }

    // A plain scan rather than a regex: no timeout can fire on a busy machine, no input can make it slow.
    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }
        return false;
    }

    public static Finding? BlockedHost(IEnumerable<string> hosts, IEnumerable<string> blockedHosts)
    {
        var blocked = blockedHosts.Select(h => h.Trim().TrimStart('.').ToLowerInvariant()).Where(h => h.Length > 0).ToList();
        foreach (var host in hosts)
        {
            var match = blocked.FirstOrDefault(b => host == b || host.EndsWith("." + b, StringComparison.Ordinal));
            if (match is not null)
            {
                return new(Severity.Spam, "blocked_host:" + match);
            }
        }
        return null;
    }

    /// <summary>The same body on the same post within 24 hours (the caller looks up when it was last seen).</summary>
    public static Finding? Duplicate(DateTimeOffset? lastSeen, DateTimeOffset now) =>
        lastSeen is { } seen && now - seen < TimeSpan.FromHours(24) ? new(Severity.Spam, "duplicate") : null;

    /// <summary>The moderation mode's say once no spam rule fired.</summary>
    public static Finding? Mode(ModerationMode mode, bool knownAuthor, int links) => mode switch
    {
        ModerationMode.All => new(Severity.Hold, "mode:all"),
        ModerationMode.FirstTime when !knownAuthor => new(Severity.Hold, "first_time"),
        ModerationMode.Links when links > 0 => new(Severity.Hold, "has_links"),
        _ => null,
    };

    /// <summary>Lower-cased hosts of every URL in the text (Markdown links, autolinks, bare "www.").</summary>
    public static IReadOnlyList<string> Hosts(string text)
    {
        var hosts = new List<string>();
        foreach (Match m in UrlPattern().Matches(text))
        {
            var candidate = m.Value.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + m.Value : m.Value;
            if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                hosts.Add(uri.Host.ToLowerInvariant());
            }
        }
        return hosts;
    }

    public static int CountLinks(string text) => UrlPattern().Count(text);

    [GeneratedRegex(@"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>()\[\]""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
