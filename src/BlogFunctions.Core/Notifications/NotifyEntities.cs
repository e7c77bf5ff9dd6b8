using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Table <see cref="TableName"/> holds two kinds of partition:
/// <list type="bullet">
/// <item>an address's, PartitionKey = its email hash: its <see cref="AddressRow"/> ("address"), a
/// mirror of each of its subscriptions ("sub|post|comment"), its batches ("batch|ticks") and one
/// marker per notification already put in a batch ("item|post|comment"). A batch and its
/// markers change in one entity-group transaction, so a notification is batched exactly once;
/// a batch starts in the same transaction as it replaces the "batch-newest" row, so only one starts at once.</item>
/// <item>a post's, PartitionKey = "post|{postId}": who is subscribed to it, RowKey = "hash|comment"
/// ("hash|*" follows the whole post), so one partition read finds everyone an approval concerns.</item>
/// </list>
/// </summary>
internal static class NotifyKeys
{
    public const string TableName = "Notifications";
    public const string Address = "address";

    /// <summary>
    /// The address's newest batch id: the row every batch start replaces, so that two starts
    /// conflict. It sorts before "batch|": a query split into pages reads it before any batch row.
    /// </summary>
    public const string Newest = "batch-newest";
    public const string WholePost = "*";

    public static string PostPartition(string postId) => "post|" + postId;

    public static string PostRow(string emailHash, string? commentId) => emailHash + "|" + (commentId ?? WholePost);

    public static string SubRow(string postId, string? commentId) => "sub|" + postId + "|" + (commentId ?? WholePost);

    public static string BatchRow(DateTimeOffset at) => "batch|" + at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>One marker per comment and recipient, whatever its kind: a recipient hears of a comment once.</summary>
    public static string ItemRow(NotifyItem item) => "item|" + item.PostId + "|" + item.CommentId;
}

/// <summary>One address that asked for notifications: where to write, and whether it proved it reads that inbox.</summary>
internal sealed class AddressRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = NotifyKeys.Address;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the address was verified; null until then, and again after "unsubscribe from all".</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>"link" (its confirmation link) or "newsletter" (a confirmed subscriber).</summary>
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    /// <summary>Set while a run sends the confirmation (see <see cref="ConfirmationClaim"/>).</summary>
    public DateTimeOffset? ConfirmationClaimedAt { get; set; }
    public DateTimeOffset? OptedOutAt { get; set; }
}

/// <summary>A subscription, in the post's partition (who to tell) and mirrored in the address's (what to list, erase, export).</summary>
internal sealed class SubscriptionRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EmailHash { get; set; } = "";
    public string PostId { get; set; } = "";

    /// <summary>The comment whose replies are wanted; null for the whole post.</summary>
    public string? CommentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Marks a notification as batched (in <see cref="BatchId"/>): its insert fails when a redelivered message tries again.</summary>
internal sealed class ItemMarkerRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BatchId { get; set; } = "";
}
