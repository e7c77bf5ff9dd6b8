using System.Collections.Concurrent;

namespace BlogFunctions.Core.Comments;

/// <summary>One stored page of <see cref="CommentReadCache"/>, with its size counted against the bound.</summary>
internal sealed record CacheEntry(CachedPage Page, long Version, long ExpiresAt, string PostId, long Size)
{
    // Two dictionary nodes, the entry, the page record and array headers: a few hundred bytes each.
    private const int Overhead = 256;

    public static long SizeOf(string fullKey, CachedPage page) =>
        Overhead + (2L * fullKey.Length) + page.Body.Length + (2L * page.ETag.Length) + (2L * (page.NextKey?.Length ?? 0));
}

/// <summary>
/// Which pages the read cache may store: a post's first page, its count, its feed, and a page whose cursor is
/// the <see cref="CachedPage.NextKey"/> of a page stored now (the server's own paging). A cursor a
/// client made up is served, but not kept, so cursors cannot fill memory with copies of one thread.
/// </summary>
internal sealed class CacheAdmission
{
    /// <summary>Boundaries handed out by stored pages: post + next key → the page version that gave it.</summary>
    private readonly ConcurrentDictionary<string, long> _boundaries = new(StringComparer.Ordinal);

    public const string CountKey = "#count";

    /// <summary>The Atom feed of a post (or of the site), see Feeds.</summary>
    public const string FeedKey = "#atom";

    public bool Admits(string postId, string key, long version) =>
        key.Length == 0 || key == CountKey || key == FeedKey
        || (_boundaries.TryGetValue(postId + "\n" + key, out var issuedBy) && issuedBy == version);

    public void Opened(CacheEntry entry)
    {
        if (entry.Page.NextKey is { } next)
        {
            _boundaries[entry.PostId + "\n" + next] = entry.Version;
        }
    }

    public void Closed(CacheEntry entry)
    {
        if (entry.Page.NextKey is { } next)
        {
            _boundaries.TryRemove(new KeyValuePair<string, long>(entry.PostId + "\n" + next, entry.Version));
        }
    }
}
