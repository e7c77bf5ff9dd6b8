using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

internal static class CommentStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Spam = "spam";
    public const string Rejected = "rejected";

    /// <summary>
    /// A tombstone: a deleted comment that still holds replies. Personal fields and text are
    /// erased; the public list shows it as a placeholder so the replies keep their thread. Not a
    /// moderation status: no index row, no count, no actions.
    /// </summary>
    public const string Deleted = "deleted";

    /// <summary>The moderation statuses (each has an index partition).</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Spam, Rejected];

    public static bool IsValid(string? status) => status is Pending or Approved or Spam or Rejected;

    public static string From(ModerationAction action) => action switch
    {
        ModerationAction.Approve => Approved,
        ModerationAction.Reject => Rejected,
        _ => Spam,
    };
}

/// <summary>
/// A comment in table <c>Comments</c>: partition = post id, row = comment id (time-ordered, so a
/// partition read returns a thread oldest first). The source of truth that the index and the
/// counts are derived from.
/// </summary>
internal sealed class CommentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? ParentId { get; set; }
    public string Author { get; set; } = "";
    public string? Email { get; set; }
    public string? EmailHash { get; set; }
    public string? Website { get; set; }

    /// <summary>HMAC of the lower-cased name: with <see cref="EmailHash"/>, what an authorToken naming this comment must match.</summary>
    public string? AuthorHash { get; set; }
    public string? IpHash { get; set; }

    /// <summary>Public, non-reversible seed for an identicon (HMAC of the email, or of the name).</summary>
    public string Avatar { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string Status { get; set; } = CommentStatus.Pending;

    /// <summary>Screening reasons, one per line.</summary>
    public string Reasons { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>What the author asked to be notified of (<see cref="CommentNotify"/>); null for none.</summary>
    public string? Notify { get; set; }

    /// <summary>
    /// False from the POST until <see cref="CommentProjector"/> has written the derived rows and
    /// added <see cref="ProjectionDelta"/> to the count; then true. Kept in the comment row itself
    /// (not in a marker row beside it) so that a POST writes one row less; null on rows written
    /// without a projection (seeded), which count as projected.
    /// </summary>
    public bool? Projected { get; set; }

    /// <summary>What the projection adds to the approved count: 1 when the comment was published at once.</summary>
    public int? ProjectionDelta { get; set; }

    /// <summary>Where an imported comment came from ("disqus:123"); null for comments posted here.</summary>
    public string? ImportedFrom { get; set; }

    /// <summary>
    /// The import job that wrote the comment: its projection tells no reader (nobody should get an
    /// email about a years-old comment moved from another system). Null for comments posted here.
    /// </summary>
    public string? ImportId { get; set; }

    [IgnoreDataMember]
    public string PostId => PartitionKey;
    [IgnoreDataMember]
    public string Id => RowKey;

    [IgnoreDataMember]
    public IReadOnlyList<string> ReasonList =>
        Reasons.Length == 0 ? [] : Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
