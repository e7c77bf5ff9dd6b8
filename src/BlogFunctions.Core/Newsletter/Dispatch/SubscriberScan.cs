using System.Globalization;
using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// The one read a dispatch needs: every active subscriber's key, address and name, the 16 shards
/// queried in parallel (one partition-scoped query each), in (shard, key) order so plans are
/// deterministic. The benchmark compares the dispatch with exactly this read.
/// </summary>
internal sealed class SubscriberScan(SubscriberStore subscribers)
{
    public static IReadOnlyList<string> Shards { get; } = Enumerable.Range(0, SubscriberEntity.ShardCount)
        .Select(i => "s" + i.ToString("00", CultureInfo.InvariantCulture))
        .ToArray();

    public async Task<List<(string Shard, NewsletterRecipient Recipient)>> ActiveAsync(CancellationToken cancellationToken)
    {
        var perShard = await Task.WhenAll(Shards.Select(async shard =>
        {
            var rows = new List<(string, NewsletterRecipient)>();
            await foreach (var (key, email, name) in subscribers.ActiveAsync(shard, null, null, cancellationToken))
            {
                rows.Add((shard, new NewsletterRecipient(key, email, name)));
            }
            // The service returns rows in key order already; sorting keeps the plan deterministic regardless.
            rows.Sort((a, b) => string.CompareOrdinal(a.Item2.Key, b.Item2.Key));
            return rows;
        }));
        return perShard.SelectMany(r => r).ToList();
    }
}
