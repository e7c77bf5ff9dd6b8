using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// Fixed-window counter per hashed client IP in Table Storage, so the limit holds across every
/// instance of the Functions app. Counts with ETag-conditional writes: concurrent requests never
/// lose an increment.
/// </summary>
internal sealed class SubscribeRateLimiter(BlogTables tables, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public const string TableName = "SubscribeLimits";

    public async Task CheckAsync(string ipHash, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.RateLimitCount <= 0)
        {
            return;
        }
        var window = TimeSpan.FromMinutes(Math.Max(1, o.RateLimitWindowMinutes));
        var now = time.GetUtcNow();
        var index = now.UtcTicks / window.Ticks;
        var rowKey = index.ToString("D12", CultureInfo.InvariantCulture);
        var table = tables[TableName];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(ipHash, rowKey, cancellationToken: cancellationToken);
            var count = existing.HasValue ? existing.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= o.RateLimitCount)
            {
                var resetsIn = new DateTimeOffset((index + 1) * window.Ticks, TimeSpan.Zero) - now;
                throw TooMany(Math.Max(1, (int)Math.Ceiling(resetsIn.TotalSeconds)));
            }
            var entity = new TableEntity(ipHash, rowKey) { ["Count"] = count + 1 };
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request counted first: read again.
            }
        }
        throw TooMany(1);
    }

    private static RateLimitedException TooMany(int retryAfterSeconds) =>
        new("rate_limited", "Too many subscribe requests", "Try again later.", retryAfterSeconds);
}
