using System.Globalization;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// The one read a dispatch needs: every active subscriber's key, address and name, the 16 shards
/// queried in parallel (one partition-scoped query each), in (shard, key) order so plans are
/// deterministic. The benchmark compares the dispatch with exactly this read.
/// </summary>
public sealed class SubscriberScan(BlogTables tables)
{
    public static readonly string[] Columns = ["RowKey", "Email", "Name"];

    public static IReadOnlyList<string> Shards { get; } = Enumerable.Range(0, SubscriberEntity.ShardCount)
        .Select(i => "s" + i.ToString("00", CultureInfo.InvariantCulture))
        .ToArray();

    public static string ActiveFilter(string shard) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Status eq {SubscriberStatus.Active}");

    public async Task<List<(string Shard, NewsletterRecipient Recipient)>> ActiveAsync(CancellationToken cancellationToken)
    {
        var subscribers = tables[SubscriberEntity.TableName];
        var perShard = await Task.WhenAll(Shards.Select(async shard =>
        {
            var rows = new List<(string, NewsletterRecipient)>();
            await foreach (var row in subscribers.QueryAsync<TableEntity>(ActiveFilter(shard), maxPerPage: 1000, select: Columns,
                               cancellationToken: cancellationToken))
            {
                if (row.GetString("Email") is { Length: > 0 } email)
                {
                    rows.Add((shard, new NewsletterRecipient(row.RowKey, email, row.GetString("Name"))));
                }
            }
            // The service returns rows in key order already; sorting keeps the plan deterministic regardless.
            rows.Sort((a, b) => string.CompareOrdinal(a.Item2.Key, b.Item2.Key));
            return rows;
        }));
        return perShard.SelectMany(r => r).ToList();
    }
}
