using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// Deletes every row whose PartitionKey sorts below a bound: tables keyed by expiry (or issue)
/// time find what has expired with one key-range query instead of a scan. Deletes go in
/// entity-group batches of up to 100 per partition; instances racing on the same rows only see
/// 404s, which are harmless.
/// </summary>
internal static class ExpiredPartitions
{
    /// <returns>How many rows this call deleted.</returns>
    public static async Task<int> DeleteBelowAsync(TableClient table, string before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var batch = new List<TableTransactionAction>(100);
        var partition = "";
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey.CompareTo(before) < 0,
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count == 100 || (batch.Count > 0 && row.PartitionKey != partition))
            {
                deleted += await DeleteAsync(table, batch, cancellationToken);
                batch.Clear();
            }
            partition = row.PartitionKey;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
        }
        deleted += await DeleteAsync(table, batch, cancellationToken);
        return deleted;
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
            return batch.Count;
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Another instance got there first; delete what is left one by one.
            var left = 0;
            foreach (var action in batch)
            {
                try
                {
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
                    left++;
                }
                catch (RequestFailedException d) when (d.Status == 404)
                {
                }
            }
            return left;
        }
    }
}
