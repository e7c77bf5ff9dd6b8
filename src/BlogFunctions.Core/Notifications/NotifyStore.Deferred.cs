using Azure;
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

    /// <summary>Table Storage's limit of actions in one entity-group transaction.</summary>
    private const int MaxTransaction = 100;

    /// <summary>One row per comment, in transactions of up to <see cref="MaxTransaction"/> (one partition).</summary>
    public Task DeferPublishedAsync(string postId, IReadOnlyList<string> commentIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.WhenAll(commentIds.Chunk(MaxTransaction).Select(chunk => Table.SubmitTransactionAsync(chunk.Select(id =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, postId + "|" + id) { ["At"] = now })), cancellationToken)));

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

    /// <summary>Deletes the rows of queued work (at most <see cref="MaxTransaction"/> ids, one transaction); rows another sweep deleted first are fine.</summary>
    public async Task ForgetDeferredAsync(string postId, IReadOnlyList<string> commentIds, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(commentIds.Select(id => new TableTransactionAction(TableTransactionActionType.Delete,
                new TableEntity(Partition, postId + "|" + id), ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            await Task.WhenAll(commentIds.Select(id => Table.DeleteEntityAsync(Partition, postId + "|" + id, cancellationToken: cancellationToken)));
        }
    }
}

/// <summary>The hourly sweep's part for notifications: queues the approvals whose work was deferred.</summary>
internal sealed class DeferredPublishes(NotifyStore store, NotifyQueue queue)
{
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var deferred = await store.DeferredPublishedAsync(cancellationToken);
        foreach (var post in deferred.GroupBy(d => d.PostId, StringComparer.Ordinal))
        {
            foreach (var chunk in post.Select(d => d.CommentId).Chunk(NotifyQueue.MaxCommentsPerMessage))
            {
                await queue.PublishedAsync(post.Key, chunk, TimeSpan.Zero, cancellationToken);
                await store.ForgetDeferredAsync(post.Key, chunk, cancellationToken);
            }
        }
        return deferred.Count;
    }
}
