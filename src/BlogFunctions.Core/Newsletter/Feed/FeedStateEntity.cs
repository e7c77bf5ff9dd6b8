using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Posts;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>
/// What the last sync of one feed URL learned: its HTTP validators and when it ran. Lives in the
/// posts table under PartitionKey "feed". Its absence means the next sync is the first one for
/// that URL, whose items are recorded but never sent.
/// </summary>
internal sealed class FeedStateEntity : ITableEntity
{
    public const string Partition = "feed";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string FeedUrl { get; set; } = "";
    public string? ETagValue { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset? LastSyncAt { get; set; }
    public DateTimeOffset? LastChangedAt { get; set; }
    public string? LastError { get; set; }
    public int LastItemCount { get; set; }

    public static string KeyFor(string feedUrl) => PostKeys.For("feed:" + feedUrl);
}
