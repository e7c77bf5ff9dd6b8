using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Reads and conditionally writes subscriber rows; every change is ETag-guarded.</summary>
internal sealed partial class SubscriberStore(BlogTables tables)
{
    private TableClient Table => tables[SubscriberEntity.TableName];

    public async Task<SubscriberEntity?> GetAsync(string emailHash, CancellationToken cancellationToken)
    {
        var (pk, rk) = SubscriberKeys.KeysOfHash(emailHash);
        var result = await Table.GetEntityIfExistsAsync<SubscriberEntity>(pk, rk, cancellationToken: cancellationToken);
        return result.HasValue ? result.Value : null;
    }

    /// <returns>False when the row already exists (another request created it).</returns>
    public async Task<bool> TryAddAsync(SubscriberEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <returns>False when the row changed (or vanished) since it was read.</returns>
    public async Task<bool> TryReplaceAsync(SubscriberEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Applies <paramref name="change"/> until it sticks; <paramref name="change"/> returns false for "nothing to do".</summary>
    public async Task<(SubscriberEntity? Entity, bool Changed)> UpdateAsync(string emailHash,
        Func<SubscriberEntity, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var entity = await GetAsync(emailHash, cancellationToken);
            if (entity is null)
            {
                return (null, false);
            }
            if (!change(entity))
            {
                return (entity, false);
            }
            if (await TryReplaceAsync(entity, cancellationToken))
            {
                return (entity, true);
            }
        }
        throw new RequestFailedException(503, "Subscriber row kept changing under concurrent updates.");
    }

    public async Task<bool> DeleteAsync(string emailHash, CancellationToken cancellationToken)
    {
        var (pk, rk) = SubscriberKeys.KeysOfHash(emailHash);
        var response = await Table.DeleteEntityAsync(pk, rk, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    /// <summary>How many subscribers have each status (a scan of the Status column).</summary>
    public async Task<Dictionary<string, int>> CountByStatusAsync(IEnumerable<string> statuses, CancellationToken cancellationToken)
    {
        var counts = statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(select: ["Status"], cancellationToken: cancellationToken))
        {
            var status = row.GetString("Status") ?? "";
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }
        return counts;
    }

    /// <summary>One page of subscribers (optionally of one status) from an opaque continuation.</summary>
    public async Task<(List<SubscriberEntity> Items, string? Next)> PageAsync(string? status, int limit, string? cursor,
        CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrEmpty(status) ? null : TableClient.CreateQueryFilter($"Status eq {status}");
        await foreach (var page in Table.QueryAsync<SubscriberEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(cursor, limit))
        {
            return ([.. page.Values], page.ContinuationToken);
        }
        return ([], null);
    }

    /// <summary>Every subscriber row, read fully (the CSV export).</summary>
    public async Task<List<SubscriberEntity>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = new List<SubscriberEntity>();
        await foreach (var s in Table.QueryAsync<SubscriberEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(s);
        }
        return rows;
    }
}
