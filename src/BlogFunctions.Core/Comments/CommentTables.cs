using System.Globalization;

namespace BlogFunctions.Core.Comments;

/// <summary>Table names and key shapes of the comments feature.</summary>
internal static class CommentTables
{
    /// <summary>
    /// Source of truth. PK = post id; RK = comment id (21 hex digits) for comments, and rows whose
    /// key starts with <see cref="AuxPrefix"/> for what must change in the same entity-group
    /// transaction as a comment: <see cref="CountRowKey"/> and <see cref="BodyRowKey"/>. "~" sorts
    /// after every hex digit, so a listing bounded by RowKey &lt; "~" never reads them.
    /// </summary>
    public const string Comments = "Comments";

    /// <summary>Moderation index. PK = status, RK = <see cref="IndexRowKey"/>: newest first across posts.</summary>
    public const string Index = "CommentIndex";

    /// <summary>
    /// Point lookups keyed by email, spread over 16 partitions (<see cref="EmailPartition"/>) so the
    /// projector writes the rows of many comments in a few batches:
    /// <see cref="EmailRowKey"/> → one row per comment of an address (GDPR erasure);
    /// rows from <see cref="AuthorRowsFrom"/> are "known author" rows that versions before the
    /// authorToken wrote (a name with an approved comment under the address): nothing writes or
    /// trusts them any more, and GDPR erasure still deletes those an address left behind.
    /// </summary>
    public const string Lookups = "CommentLookups";

    /// <summary>Fixed-window counters. PK = window end + shard (<see cref="RateLimitKeys"/>), RK = "ip|hash" or "email|hash".</summary>
    public const string RateLimits = "CommentRateLimits";

    public const string AuxPrefix = "~";

    /// <summary>The post's approved-comment count (property Approved).</summary>
    public const string CountRowKey = "~count";

    /// <summary>When a body was last seen on the post (duplicate rule).</summary>
    public static string BodyRowKey(string bodyHash) => "~body|" + bodyHash;

    public static string IndexRowKey(DateTimeOffset createdAt, string postId, string commentId) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + "|" + postId + "|" + commentId;

    /// <summary>One of 16 partitions, chosen by the email hash (base64url, so its first character varies evenly).</summary>
    public static string EmailPartition(string emailHash) =>
        "email|" + (emailHash[0] % 16).ToString("x", CultureInfo.InvariantCulture);

    public static string EmailRowKey(string emailHash, string postId, string commentId) =>
        "e|" + emailHash + "|" + postId + "|" + commentId;

    /// <summary>Every <see cref="EmailRowKey"/> of an address sorts from this (inclusive) …</summary>
    public static string EmailRowsFrom(string emailHash) => "e|" + emailHash + "|";

    /// <summary>… to this (exclusive): '}' follows '|'.</summary>
    public static string EmailRowsTo(string emailHash) => "e|" + emailHash + "}";

    /// <summary>Legacy known-author rows of an address (see <see cref="Lookups"/>) sort from this …</summary>
    public static string AuthorRowsFrom(string emailHash) => "a|" + emailHash + "|";

    /// <summary>… to this (exclusive).</summary>
    public static string AuthorRowsTo(string emailHash) => "a|" + emailHash + "}";
}
