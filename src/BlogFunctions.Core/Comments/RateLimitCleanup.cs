using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Deletes rate-limit rows of windows that have ended, every few minutes on every instance (both
/// hosts run hosted services). The query is a key range below the current time, so it touches only
/// expired rows; deletes go in entity-group batches of up to 100 per partition. Instances racing
/// on the same rows only see 404s, which are harmless.
/// </summary>
public sealed partial class RateLimitCleanup(BlogTables tables, TimeProvider time, ILogger<RateLimitCleanup> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Deletes the rows of every window that ended before now; returns how many went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var table = tables[CommentTables.RateLimits];
        var before = RateLimitKeys.ExpiredBefore(time.GetUtcNow().ToUnixTimeSeconds());
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired rate-limit rows")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit cleanup failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
