using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// "Tell the moderators about this held comment", written by <see cref="ModerationNoticeRecorder"/>.
/// PartitionKey: the UTC minute ("yyyyMMddHHmm") the notice was written in, so the digest reads
/// the minutes since its last send with a partition range query; RowKey: ticks + comment id.
/// </summary>
internal sealed class ModerationNoticeEntity : ITableEntity
{
    public const string TableName = "ModerationNotices";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PostId { get; set; } = "";
    public string CommentId { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string Minute(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static string RowKeyFor(DateTimeOffset at, string commentId) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + commentId;
}

/// <summary>
/// The digest's one state row (table <see cref="TableName"/>, keys <see cref="Partition"/> / <see cref="Row"/>).
/// Notices written up to <see cref="SentThrough"/> are done. While <see cref="State"/> is
/// <see cref="Sending"/>, the batch up to <see cref="BatchThrough"/> is claimed by one run; every
/// change is an ETag-conditional write, so only one run can claim a batch.
/// </summary>
internal sealed class DigestStateEntity : ITableEntity
{
    public const string TableName = "ModerationDigests";
    public const string Partition = "digest";
    public const string Row = "state";
    public const string Idle = "idle";
    public const string Sending = "sending";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset SentThrough { get; set; }
    public string State { get; set; } = Idle;
    public string? BatchId { get; set; }
    public DateTimeOffset? BatchThrough { get; set; }
    public int BatchComments { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Runs in a row whose send failed with 429/5xx (reset by a send that goes out).</summary>
    public int FailedRuns { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
    public string? LastOutcome { get; set; }
}

/// <summary>A one-click link that was used: PartitionKey = its issue day (yyyyMMdd, UTC), RowKey = its nonce. Insert-only; a 409 means "already used".</summary>
internal sealed class UsedLinkEntity : ITableEntity
{
    public const string TableName = "ModerationLinksUsed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PostId { get; set; } = "";
    public string CommentId { get; set; } = "";
    public string Action { get; set; } = "";
    public DateTimeOffset UsedAt { get; set; }
}
