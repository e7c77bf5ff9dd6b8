using System.Globalization;

namespace BlogFunctions.Core.Comments;

/// <summary>Table names and key shapes of the comments feature.</summary>
public static class CommentTables
{
    /// <summary>Source of truth. PK = post id, RK = comment id.</summary>
    public const string Comments = "Comments";

    /// <summary>Moderation index. PK = status, RK = <see cref="IndexRowKey"/>: newest first across posts.</summary>
    public const string Index = "CommentIndex";

    /// <summary>Approved comments per post. PK = post id, RK = "".</summary>
    public const string Counts = "CommentCounts";

    /// <summary>
    /// Point lookups: <c>email|{hash}</c> → one row per comment of an address (GDPR erasure);
    /// <c>author|{emailHash}</c> → name hashes with an approved comment (FirstTime mode);
    /// <c>body|{postId}</c> → body hashes with the time last seen (duplicate rule).
    /// </summary>
    public const string Lookups = "CommentLookups";

    /// <summary>Fixed-window counters. PK = window end + shard (<see cref="RateLimitKeys"/>), RK = "ip|hash" or "email|hash".</summary>
    public const string RateLimits = "CommentRateLimits";

    public static string IndexRowKey(DateTimeOffset createdAt, string postId, string commentId) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + "|" + postId + "|" + commentId;

    public static string EmailPartition(string emailHash) => "email|" + emailHash;

    public static string AuthorPartition(string emailHash) => "author|" + emailHash;

    public static string BodyPartition(string postId) => "body|" + postId;

    public static string EmailRowKey(string postId, string commentId) => postId + "|" + commentId;
}
