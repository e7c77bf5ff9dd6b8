using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Chunk rows of a post's committed plan, read and written with ETags.</summary>
internal sealed class ChunkStore(BlogTables tables)
{
    private static readonly string[] StatusColumns =
        ["PartitionKey", "RowKey", "PlanId", "Index", "State", "RecipientCount", "ClaimId", "ClaimedAt", "Attempts",
         "LastError", "SentAt", "SentCount", "MessageId", "ResendCount", "ResendRequestedAt", "Posts"];

    private TableClient Table => tables[ChunkEntity.TableName];

    // Table batches are limited to 100 operations and 4 MB; chunk rows can reach ~50 KB each.
    private const int RowsPerBatch = 50;
    private const int BatchesInFlight = 4;

    /// <summary>Writes a new plan's rows (one partition: the post), in batches, before the plan is committed on the post.</summary>
    public Task WritePlanAsync(IReadOnlyList<ChunkEntity> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows, TableTransactionActionType.UpsertReplace, cancellationToken);

    /// <summary>Deletes the rows of a plan that lost the race to be committed: they must never be sent.</summary>
    public Task DeletePlanAsync(IReadOnlyList<ChunkEntity> rows, CancellationToken cancellationToken) =>
        SubmitAsync(rows, TableTransactionActionType.Delete, cancellationToken);

    private Task SubmitAsync(IReadOnlyList<ChunkEntity> rows, TableTransactionActionType action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows.Chunk(RowsPerBatch),
            new ParallelOptions { MaxDegreeOfParallelism = BatchesInFlight, CancellationToken = cancellationToken },
            async (batch, ct) => await Table.SubmitTransactionAsync(
                batch.Select(r => action == TableTransactionActionType.Delete
                    ? new TableTransactionAction(action, r, ETag.All)
                    : new TableTransactionAction(action, r)), ct));

    /// <summary>The chunks of the post's plan without their recipient lists, in index order.</summary>
    public async Task<List<ChunkEntity>> ListAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var list = new List<ChunkEntity>(post.ChunkCount);
        if (string.IsNullOrEmpty(post.PlanId))
        {
            return list;
        }
        var from = post.PlanId + "-";
        var to = post.PlanId + ".";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {post.RowKey} and RowKey gt {from} and RowKey lt {to}");
        await foreach (var chunk in Table.QueryAsync<ChunkEntity>(filter, maxPerPage: 1000, select: StatusColumns, cancellationToken: cancellationToken))
        {
            list.Add(chunk);
        }
        list.Sort((a, b) => a.Index.CompareTo(b.Index));
        return list;
    }

    public async Task<ChunkEntity?> GetAsync(PostEntity post, int index, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(post.PlanId))
        {
            return null;
        }
        var response = await Table.GetEntityIfExistsAsync<ChunkEntity>(post.RowKey, ChunkEntity.RowKeyFor(post.PlanId, index), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Merges the changed status columns if the row is unchanged since read; false when another run got there first.</summary>
    public async Task<bool> TryUpdateAsync(ChunkEntity chunk, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(StatusOnly(chunk), ifMatch, TableUpdateMode.Merge, cancellationToken);
            chunk.ETag = response.Headers.ETag ?? chunk.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    // Merging without the recipient list keeps each state write small (and never rewrites the plan).
    private static TableEntity StatusOnly(ChunkEntity c) => new(c.PartitionKey, c.RowKey)
    {
        ["State"] = c.State,
        ["ClaimId"] = c.ClaimId,
        ["ClaimedAt"] = c.ClaimedAt,
        ["Attempts"] = c.Attempts,
        ["LastError"] = c.LastError,
        ["SentAt"] = c.SentAt,
        ["SentCount"] = c.SentCount,
        ["MessageId"] = c.MessageId,
        ["ResendCount"] = c.ResendCount,
        ["ResendRequestedAt"] = c.ResendRequestedAt,
    };
}
