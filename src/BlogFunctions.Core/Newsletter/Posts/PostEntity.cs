using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>
/// A post the newsletter knows about. PartitionKey "post"; RowKey: <see cref="PostKeys.For"/> of
/// the feed item's GUID/id (raw ids may hold '/', '?' or '#', which keys cannot).
/// </summary>
internal sealed class PostEntity : ITableEntity
{
    public const string TableName = "NewsletterPosts";
    public const string Partition = "post";

    /// <summary>The weekly digests' rows (RowKey <see cref="PostKeys.Digest"/>): a digest is planned and sent like a post.</summary>
    public const string DigestPartition = "digest";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PostId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>A digest's: the end of the week it covers (its digest hour).</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>"feed" or "api".</summary>
    public string Source { get; set; } = "";

    /// <summary>One of <see cref="PostState"/>.</summary>
    public string State { get; set; } = PostState.Pending;

    /// <summary>Why a recorded post is not sent (first-sync, too-old).</summary>
    public string? SkipReason { get; set; }

    /// <summary>The plan that was committed; chunk rows of other plans are leftovers of a lost race.</summary>
    public string? PlanId { get; set; }
    public int ChunkCount { get; set; }
    public int RecipientCount { get; set; }
    public DateTimeOffset? PlannedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal static class PostState
{
    /// <summary>Known, never to be sent (first sync, too old).</summary>
    public const string Recorded = "recorded";

    /// <summary>To be planned and sent.</summary>
    public const string Pending = "pending";

    /// <summary>Planned; chunks are being sent.</summary>
    public const string Dispatching = "dispatching";

    /// <summary>Every chunk ended (sent, or uncertain/failed waiting for a moderator).</summary>
    public const string Done = "done";
}
