using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// One recipient's notification email in the making (RowKey "batch|ticks" in their address
/// partition). Items join it while it is <see cref="Ready"/>; Notifications:DelaySeconds after
/// <see cref="FirstAt"/> it is claimed and sent as one email on <see cref="ClaimedSend"/>.
/// </summary>
internal sealed class BatchRow : ITableEntity
{
    public const string Ready = "ready";
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Uncertain = "uncertain";

    /// <summary>Not sent, on purpose: the address is no longer verified, or nothing in it still applies.</summary>
    public const string Dropped = "dropped";

    /// <summary>Notifications one email lists; more start the next batch.</summary>
    public const int MaxItems = 50;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = Ready;
    public DateTimeOffset FirstAt { get; set; }
    public string ItemsJson { get; set; } = "[]";
    public int Count { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>Sends that failed with 429/5xx (the retry's backoff grows with it).</summary>
    public int Attempts { get; set; }
    public string? LastOutcome { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A failed batch's next try: no delivery of its message sends it earlier (the backoff holds under a 429 storm).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    [IgnoreDataMember]
    public string EmailHash => PartitionKey;

    [IgnoreDataMember]
    public string BatchId => RowKey["batch|".Length..];

    public List<NotifyItem> Items() => JsonSerializer.Deserialize(ItemsJson, NotifyJson.Default.ListNotifyItem) ?? [];

    public void SetItems(List<NotifyItem> items)
    {
        ItemsJson = JsonSerializer.Serialize(items, NotifyJson.Default.ListNotifyItem);
        Count = items.Count;
    }

    /// <summary>The row's state as the send engine sees it: a dropped batch is final like a sent one.</summary>
    public BatchState EngineState => State switch
    {
        Ready => BatchState.Ready,
        Claimed => BatchState.Claimed,
        Failed => BatchState.Failed,
        Uncertain => BatchState.Uncertain,
        Sent or Dropped => BatchState.Sent,
        _ => throw new InvalidOperationException($"Unknown notification batch state '{State}' in {RowKey}."),
    };
}
