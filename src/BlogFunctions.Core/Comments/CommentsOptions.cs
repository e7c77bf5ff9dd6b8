namespace BlogFunctions.Core.Comments;

/// <summary>Which comments wait for a moderator before they are shown.</summary>
internal enum ModerationMode
{
    /// <summary>Hold every comment.</summary>
    All,

    /// <summary>Hold a first comment; publish at once when an authorToken proves the author (see <see cref="AuthorTokens"/>).</summary>
    FirstTime,

    /// <summary>Hold only comments that contain links.</summary>
    Links,

    /// <summary>Publish everything that passes the spam rules.</summary>
    None,
}

internal sealed class CommentsOptions
{
    public const string Section = "Comments";

    public ModerationMode Mode { get; set; } = ModerationMode.FirstTime;

    /// <summary>A form token younger than this is rejected: people do not write a comment in under 3 seconds, bots do.</summary>
    public int MinSecondsToSubmit { get; set; } = 3;

    /// <summary>More links than this holds the comment.</summary>
    public int MaxLinks { get; set; } = 2;

    /// <summary>Words (case-insensitive, whole words) that mark a comment as spam.</summary>
    public string[] BlockedWords { get; set; } = [];

    /// <summary>Hosts (and their subdomains) whose links, in the body or as website, mark a comment as spam.</summary>
    public string[] BlockedHosts { get; set; } = [];

    /// <summary>How long a public page stays cached in memory. Moderation on this instance clears it at once.</summary>
    public int ReadCacheSeconds { get; set; } = 2;

    /// <summary>Upper bound of what the read cache holds on one instance, in MB (Flex instances have 512 MB or more).</summary>
    public int ReadCacheMegabytes { get; set; } = 32;

    /// <summary>Comments per page on the public GET.</summary>
    public int PageSize { get; set; } = 100;

    public RateLimitOptions RateLimit { get; set; } = new();
}

internal sealed class RateLimitOptions
{
    /// <summary>Comments allowed per window, per client IP and per email. 0 disables the limit (benchmarks).</summary>
    public int Count { get; set; } = 5;

    public int WindowSeconds { get; set; } = 600;
}
