using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// One subscriber. PartitionKey: the shard "s00".."s15" (first byte of the email hash mod 16),
/// so a dispatch scan can read shards in parallel; RowKey: <c>EmailIdentity.EmailHash</c> of the address,
/// which makes concurrent subscribes of one address collide on one row (409) instead of duplicating.
/// </summary>
internal sealed class SubscriberEntity : ITableEntity
{
    public const string TableName = "Subscribers";
    public const int ShardCount = 16;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Normalized (trimmed, lower-cased) address.</summary>
    public string Email { get; set; } = "";
    public string? Name { get; set; }

    /// <summary>One of <see cref="SubscriberStatus"/>'s values.</summary>
    public string Status { get; set; } = SubscriberStatus.Pending;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    /// <summary>Consent evidence: when, from which (hashed) IP, which form wording, which page.</summary>
    public DateTimeOffset? ConsentAt { get; set; }
    public string? ConsentIpHash { get; set; }
    public string? ConsentWording { get; set; }
    public string? ConsentSource { get; set; }

    /// <summary>Why a suppressed address is suppressed (bounce, spamreport, ...).</summary>
    public string? SuppressedReason { get; set; }

    /// <summary>
    /// How often newsletter emails come (<see cref="SubscriberCadence"/>); null is "each post", so
    /// rows written before the preference page existed need no migration.
    /// </summary>
    public string? Cadence { get; set; }

    /// <summary>
    /// When the reader last switched to the weekly digest: their first digest lists only posts sent
    /// after it, so a post they already got by email is never listed again.
    /// </summary>
    public DateTimeOffset? WeeklySince { get; set; }

    /// <summary>
    /// When a weekly reader went back to each post: the posts sent between <see cref="WeeklySince"/>
    /// and this moment reached them by no email yet, so the next digest still lists those.
    /// </summary>
    public DateTimeOffset? WeeklyUntil { get; set; }

    public static string ShardOf(string emailHash) =>
        "s" + ((emailHash[0] * 31 + emailHash[^1]) % ShardCount).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The values of <see cref="SubscriberEntity.Cadence"/>.</summary>
internal static class SubscriberCadence
{
    /// <summary>One email per post (also what a null or unknown value means).</summary>
    public const string EachPost = "each";
    public const string Weekly = "weekly";

    /// <summary>Still subscribed, but no newsletter email at all until changed back.</summary>
    public const string Paused = "paused";

    /// <summary>A stored value as one of the three; null and anything unknown read as each post.</summary>
    public static string Of(string? stored) => stored is Weekly or Paused ? stored : EachPost;
}

internal static class SubscriberStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Unsubscribed = "unsubscribed";
    public const string Suppressed = "suppressed";
}
