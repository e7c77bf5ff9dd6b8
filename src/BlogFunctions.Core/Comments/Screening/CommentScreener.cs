namespace BlogFunctions.Core.Comments.Screening;

/// <summary>Facts about a comment that screening needs from storage, looked up by the caller.</summary>
internal sealed record ScreeningFacts(bool KnownAuthor, DateTimeOffset? SameBodyLastSeen);

internal sealed record Verdict(string Status, IReadOnlyList<string> Reasons);

/// <summary>Combines the rules: any spam finding → spam; else any hold → pending; else approved.</summary>
internal static class CommentScreener
{
    public static Verdict Screen(ValidComment comment, ScreeningFacts facts, CommentsOptions options, DateTimeOffset now)
    {
        var links = ScreeningRules.CountLinks(comment.Body);
        var hosts = ScreeningRules.Hosts(comment.Body).ToList();
        if (comment.Website is not null && Uri.TryCreate(comment.Website, UriKind.Absolute, out var site))
        {
            hosts.Add(site.Host.ToLowerInvariant());
        }
        var findings = new[]
        {
            ScreeningRules.Honeypot(comment.HoneypotFilled),
            ScreeningRules.BlockedWord(comment.Author + "\n" + comment.Body, options.BlockedWords),
            ScreeningRules.BlockedHost(hosts, options.BlockedHosts),
            ScreeningRules.Duplicate(facts.SameBodyLastSeen, now),
            ScreeningRules.TooManyLinks(links, options.MaxLinks),
            ScreeningRules.Mode(options.Mode, facts.KnownAuthor, links),
        }.OfType<Finding>().ToList();

        var status = findings.Any(f => f.Severity == Severity.Spam) ? CommentStatus.Spam
            : findings.Count > 0 ? CommentStatus.Pending
            : CommentStatus.Approved;
        return new Verdict(status, findings.Select(f => f.Reason).ToList());
    }
}
