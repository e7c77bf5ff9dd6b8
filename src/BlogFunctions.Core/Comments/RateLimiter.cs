using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Fixed-window counters in Table Storage, so the limit holds across Function instances.
/// Increments are optimistic (ETag); a lost race re-reads and tries again.
/// </summary>
public sealed class RateLimiter(BlogTables tables, TimeProvider time, IOptionsMonitor<CommentsOptions> options)
{
    private const int Attempts = 5;

    /// <summary>Counts one hit for <paramref name="key"/>; returns the seconds to wait when over the limit, else null.</summary>
    public async Task<int?> HitAsync(string key, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.RateLimit;
        if (limit.Count <= 0 || limit.WindowSeconds <= 0)
        {
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var window = now / limit.WindowSeconds;
        var retryAfter = (int)Math.Max(1, ((window + 1) * limit.WindowSeconds) - now);
        var rowKey = window.ToString("D12", CultureInfo.InvariantCulture);
        var table = tables[CommentTables.RateLimits];
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(key, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(key, rowKey) { ["Hits"] = 1 }, cancellationToken);
                    return null;
                }
                var entity = row.Value!;
                var hits = entity.GetInt32("Hits") ?? 0;
                if (hits >= limit.Count)
                {
                    return retryAfter;
                }
                entity["Hits"] = hits + 1;
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request counted at the same moment: read again.
            }
        }
        // Heavy contention on one key is itself a sign of a flood.
        return retryAfter;
    }
}
