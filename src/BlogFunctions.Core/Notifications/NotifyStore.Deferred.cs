using Azure.Data.Tables;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Approvals whose notification work could not be queued (the queue service was out while the
/// tables were not): one row each in partition <see cref="Partition"/>, until the hourly sweep
/// queues them (<see cref="DeferredPublishes"/>).
/// </summary>
internal sealed partial class NotifyStore
{
    public const string Partition = "deferred-published";

    public async Task DeferPublishedAsync(string postId, string commentId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, postId + "|" + commentId) { ["At"] = now },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<List<(string PostId, string CommentId)>> DeferredPublishedAsync(CancellationToken cancellationToken)
    {
        var list = new List<(string, string)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == Partition, select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            if (row.RowKey.Split('|') is [var post, var comment])
            {
                list.Add((post, comment));
            }
        }
        return list;
    }

    public async Task ForgetDeferredAsync(string postId, string commentId, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(Partition, postId + "|" + commentId, cancellationToken: cancellationToken);
}

/// <summary>The hourly sweep's part for notifications: queues the approvals whose work was deferred.</summary>
internal sealed class DeferredPublishes(NotifyStore store, NotifyQueue queue)
{
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var deferred = await store.DeferredPublishedAsync(cancellationToken);
        foreach (var (postId, commentId) in deferred)
        {
            await queue.PublishedAsync(postId, commentId, TimeSpan.Zero, cancellationToken);
            await store.ForgetDeferredAsync(postId, commentId, cancellationToken);
        }
        return deferred.Count;
    }
}
