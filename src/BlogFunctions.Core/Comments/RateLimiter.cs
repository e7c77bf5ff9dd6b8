using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Fixed-window counters in Table Storage, so the limit holds across Function instances.
/// Increments are optimistic (ETag); a lost race re-reads and tries again. Rows are keyed by the
/// window's end time (see <see cref="RateLimitKeys"/>), so <see cref="RateLimitCleanup"/> finds
/// every expired row with one key-range query and never scans live windows.
/// </summary>
internal sealed class RateLimiter(BlogTables tables, TimeProvider time, IOptionsMonitor<CommentsOptions> options)
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
        var windowEnd = ((now / limit.WindowSeconds) + 1) * limit.WindowSeconds;
        var retryAfter = (int)Math.Max(1, windowEnd - now);
        var partition = RateLimitKeys.Partition(windowEnd, key);
        var table = tables[CommentTables.RateLimits];
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(partition, key) { ["Hits"] = 1 }, cancellationToken);
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

    /// <summary>Deletes the rows of windows that ended before <paramref name="beforePartition"/> (one key range).</summary>
    public Task<int> DeleteEndedBeforeAsync(string beforePartition, CancellationToken cancellationToken) =>
        ExpiredPartitions.DeleteBelowAsync(tables[CommentTables.RateLimits], beforePartition, cancellationToken);
}

/// <summary>
/// Key shape of <see cref="CommentTables.RateLimits"/>: PK = the window's end (Unix seconds, 12
/// digits, so text order is time order) + "|" + a shard, RK = the limited key. Keying by the end
/// time rather than the window number keeps expiry absolute when WindowSeconds changes. The shard
/// spreads one busy window over a few partitions (Table Storage throttles per partition).
/// </summary>
internal static class RateLimitKeys
{
    public const int Shards = 8;

    public static string Partition(long windowEndUnixSeconds, string key) =>
        windowEndUnixSeconds.ToString("D12", CultureInfo.InvariantCulture) + "|" + Shard(key);

    /// <summary>Every partition whose window ended before <paramref name="unixSeconds"/> sorts below this.</summary>
    public static string ExpiredBefore(long unixSeconds) => unixSeconds.ToString("D12", CultureInfo.InvariantCulture);

    // Stable across processes (string.GetHashCode is not).
    private static int Shard(string key)
    {
        uint h = 2166136261;
        foreach (var c in key)
        {
            h = (h ^ c) * 16777619;
        }
        return (int)(h % Shards);
    }
}
