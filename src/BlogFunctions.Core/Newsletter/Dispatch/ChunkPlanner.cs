using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Fixes who gets a post: scans the active subscribers of all shards (in parallel), cuts them in
/// key order into chunks, writes the chunk rows under a fresh plan id, then commits the plan id
/// on the post with its ETag. Rows of a plan that lost that race are never read (and are deleted).
/// </summary>
public sealed partial class ChunkPlanner(BlogTables tables, PostStore posts, DispatchFaults faults,
    IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time, ILogger<ChunkPlanner> logger)
{
    // Table batches are limited to 100 operations and 4 MB; chunk rows can reach ~50 KB each.
    private const int RowsPerBatch = 50;

    private TableClient Chunks => tables[ChunkEntity.TableName];

    /// <returns>The post as committed (by this run or the one that won the race).</returns>
    public async Task<PostEntity?> PlanAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var planId = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + Guid.NewGuid().ToString("N")[..6];
        var ordered = await ActiveSubscribersAsync(cancellationToken);
        var rows = RecipientList.Chunk(ordered, options.CurrentValue.ChunkSize)
            .Select((groups, index) => new ChunkEntity
            {
                PartitionKey = post.RowKey,
                RowKey = ChunkEntity.RowKeyFor(planId, index),
                PlanId = planId,
                Index = index,
                Recipients = RecipientList.Encode(groups),
                RecipientCount = groups.Sum(g => g.Keys.Count),
            })
            .ToList();
        foreach (var batch in rows.Chunk(RowsPerBatch))
        {
            await Chunks.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
        faults.At(DispatchFaults.PlanWritten);

        post.PlanId = planId;
        post.ChunkCount = rows.Count;
        post.RecipientCount = ordered.Count;
        post.PlannedAt = time.GetUtcNow();
        post.State = rows.Count == 0 ? PostState.Done : PostState.Dispatching;
        post.CompletedAt = rows.Count == 0 ? post.PlannedAt : null;
        if (await posts.TryUpdateAsync(post, cancellationToken))
        {
            LogPlanned(logger, post.PostId, ordered.Count, rows.Count, planId);
            return post;
        }
        // Another run committed its own plan first: ours must never be sent.
        foreach (var batch in rows.Chunk(RowsPerBatch))
        {
            await Chunks.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
        return await posts.GetAsync(post.RowKey, cancellationToken);
    }

    private async Task<List<(string Shard, string Key)>> ActiveSubscribersAsync(CancellationToken cancellationToken)
    {
        var subscribers = tables[SubscriberEntity.TableName];
        var shards = Enumerable.Range(0, SubscriberEntity.ShardCount)
            .Select(i => "s" + i.ToString("00", CultureInfo.InvariantCulture))
            .ToArray();
        var perShard = await Task.WhenAll(shards.Select(async shard =>
        {
            var keys = new List<(string, string)>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Status eq {SubscriberStatus.Active}");
            await foreach (var row in subscribers.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                keys.Add((shard, row.RowKey));
            }
            // The service returns rows in key order already; sorting keeps the plan deterministic regardless.
            keys.Sort((a, b) => string.CompareOrdinal(a.Item2, b.Item2));
            return keys;
        }));
        return perShard.SelectMany(k => k).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: planned {Recipients} recipients in {Chunks} chunks (plan {PlanId})")]
    private static partial void LogPlanned(ILogger logger, string postId, int recipients, int chunks, string planId);
}
