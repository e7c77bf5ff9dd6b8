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

    /// <summary>Who gets each post by email: active, and neither on the weekly digest nor paused.</summary>
    public async Task<List<(string Shard, NewsletterRecipient Recipient)>> ActiveAsync(CancellationToken cancellationToken) =>
        [.. (await ScanAsync(shard => subscribers.ActiveAsync(shard, null, null, cancellationToken), cancellationToken))
            .Where(r => r.Subscriber.Cadence == SubscriberCadence.EachPost)
            .Select(r => (r.Shard, new NewsletterRecipient(r.Subscriber.Key, r.Subscriber.Email, r.Subscriber.Name)))];

    /// <summary>Who may get the digest of the week from <paramref name="weekStart"/>, with when each switched to it (and back).</summary>
    public Task<List<(string Shard, ActiveSubscriber Subscriber)>> DigestReadersAsync(DateTimeOffset weekStart, CancellationToken cancellationToken) =>
        ScanAsync(shard => subscribers.DigestReadersAsync(shard, weekStart, cancellationToken), cancellationToken);

    private static async Task<List<(string Shard, ActiveSubscriber Subscriber)>> ScanAsync(
        Func<string, IAsyncEnumerable<ActiveSubscriber>> read, CancellationToken cancellationToken)
    {
        var perShard = await Task.WhenAll(Shards.Select(async shard =>
        {
            var rows = new List<(string, ActiveSubscriber)>();
            await foreach (var subscriber in read(shard).WithCancellation(cancellationToken))
            {
                rows.Add((shard, subscriber));
            }
            // The service returns rows in key order already; sorting keeps the plan deterministic regardless.
            rows.Sort((a, b) => string.CompareOrdinal(a.Item2.Key, b.Item2.Key));
            return rows;
        }));
        return perShard.SelectMany(r => r).ToList();
    }
}
