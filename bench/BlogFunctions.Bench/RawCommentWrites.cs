using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;

namespace BlogFunctions.Bench;

/// <summary>
/// What a POSTed comment costs the storage, without the app: each request writes the comment and its
/// fingerprint in one transaction (as the POST does), and beside the requests the rows derived from
/// them are written the way the projector writes them, in 100-row transactions, four calls at a
/// time: a moderation-index row, an email-lookup row and the comment's flag (a merge). If this row's
/// p99 misses too, the wall is the storage's, not the app's.
/// </summary>
internal static class RawCommentWrites
{
    public static async Task<LoadResult> RunAsync(string storage, int concurrency, TimeSpan length, CancellationToken cancellationToken = default)
    {
        var comments = new TableClient(storage, "benchrawcomments");
        var index = new TableClient(storage, "benchrawindex");
        var lookups = new TableClient(storage, "benchrawlookups");
        await Task.WhenAll(comments.CreateIfNotExistsAsync(cancellationToken), index.CreateIfNotExistsAsync(cancellationToken),
            lookups.CreateIfNotExistsAsync(cancellationToken));
        var written = new ConcurrentQueue<(string Partition, string Id)>();
        var body = new string('b', 400);
        var run = Guid.NewGuid().ToString("N")[..8];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var derived = Task.Run(() => DeriveAsync(written, index, lookups, comments, stop.Token), CancellationToken.None);
        var result = await SustainedLoad.RunAsync("raw comment writes", concurrency, length, async i =>
        {
            var partition = $"raw-{run}-{i % 16}";
            var id = i.ToString("D8", CultureInfo.InvariantCulture);
            var response = await comments.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, id)
                {
                    ["Author"] = "Bench Reader", ["BodyMarkdown"] = body, ["BodyHtml"] = "<p>" + body + "</p>",
                    ["Status"] = "approved", ["CreatedAt"] = DateTimeOffset.UtcNow, ["Projected"] = false,
                }),
                new(TableTransactionActionType.Add, new TableEntity(partition, "~body|" + id)),
            ]);
            written.Enqueue((partition, id));
            return response.Value.Count == 2;
        });
        await stop.CancelAsync();
        await derived;
        return result;
    }

    /// <summary>Every 500 ms (the projector's window), the derived rows of what was written since.</summary>
    private static async Task DeriveAsync(ConcurrentQueue<(string Partition, string Id)> written, TableClient index, TableClient lookups,
        TableClient comments, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(500, CancellationToken.None);
            var round = new List<(string Partition, string Id)>();
            while (round.Count < 2000 && written.TryDequeue(out var item))
            {
                round.Add(item);
            }
            var calls = round.Chunk(100).Select(c => (index, c.Select(r => Upsert(new TableEntity("approved", r.Partition + "|" + r.Id)))))
                .Concat(round.GroupBy(r => r.Id[^1]).SelectMany(g => g.Chunk(100))
                    .Select(c => (lookups, c.Select(r => Upsert(new TableEntity("email|" + r.Id[^1], r.Partition + "|" + r.Id))))))
                .Concat(round.GroupBy(r => r.Partition).SelectMany(g => g.Chunk(99))
                    .Select(c => (comments, c.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                        new TableEntity(r.Partition, r.Id) { ["Projected"] = true })))));
            await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (call, ct) => await call.Item1.SubmitTransactionAsync(call.Item2.ToList(), ct));
        }
    }

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertReplace, row);
}
