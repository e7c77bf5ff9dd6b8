using System.Globalization;
using Azure;
using BlogFunctions.Core.Email;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// One SendGrid request of a post's plan. PartitionKey: the post key; RowKey: "{planId}-{index:D5}".
/// <see cref="Recipients"/> fixes who gets this chunk at plan time (subscriber row keys grouped by
/// shard, ≤ 1,000 × 25 characters, well under the 64 KB property limit); whoever unsubscribed
/// since is dropped when the chunk is sent.
/// </summary>
internal sealed class ChunkEntity : ITableEntity
{
    public const string TableName = "NewsletterChunks";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PlanId { get; set; } = "";
    public int Index { get; set; }

    /// <summary>One of <see cref="ChunkState"/>.</summary>
    public string State { get; set; } = ChunkState.Planned;

    /// <summary>"s03:hash,hash;s04:hash" — see <see cref="RecipientList"/>.</summary>
    public string Recipients { get; set; } = "";
    public int RecipientCount { get; set; }

    /// <summary>
    /// A weekly digest's chunk: the keys of the posts it lists, comma-separated, oldest first (its
    /// recipients are grouped by which posts they get). Empty for a post's chunk.
    /// </summary>
    public string Posts { get; set; } = "";

    public string? ClaimId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Recipients actually addressed (planned ones still active at send time).</summary>
    public int SentCount { get; set; }
    public string? MessageId { get; set; }
    public int ResendCount { get; set; }
    public DateTimeOffset? ResendRequestedAt { get; set; }

    public static string RowKeyFor(string planId, int index) =>
        planId + "-" + index.ToString("D5", CultureInfo.InvariantCulture);
}

internal static class ChunkState
{
    /// <summary>Planned, not yet claimed.</summary>
    public const string Planned = "planned";

    /// <summary>Claimed by a run that is sending it (or died doing so).</summary>
    public const string Sending = "sending";

    public const string Sent = "sent";

    /// <summary>Not accepted by SendGrid (429/5xx after retries, 4xx): safe to send again.</summary>
    public const string Failed = "failed";

    /// <summary>The request may have reached SendGrid; only a moderator may send it again.</summary>
    public const string Uncertain = "uncertain";

    /// <summary>The stored string as a <see cref="BatchState"/>; an unknown one as uncertain: neither claimed nor concluded, only a person may act on it.</summary>
    public static BatchState ToBatch(string state) => state switch
    {
        Planned => BatchState.Ready,
        Sent => BatchState.Sent,
        Failed => BatchState.Failed,
        Sending => BatchState.Claimed,
        _ => BatchState.Uncertain,
    };

    public static string Of(BatchState state) => state switch
    {
        BatchState.Ready => Planned,
        BatchState.Claimed => Sending,
        BatchState.Sent => Sent,
        BatchState.Failed => Failed,
        _ => Uncertain,
    };
}
