using Azure.Data.Tables;

namespace BlogFunctions.Bench;

/// <summary>
/// The storage ceiling: Azure.Data.Tables straight into the same Azurite, one AddEntity (a
/// comment-sized entity) or one point read per request, at the same concurrencies as the API runs.
/// </summary>
internal static class RawTables
{
    /// <summary>
    /// An entity-group transaction of the same comment-sized entity plus <paramref name="smallRows"/>
    /// small rows in its partition: with 1 it is what a POST writes (comment + body fingerprint);
    /// 2 was the earlier design (+ a projection marker row); 0 is a transaction of one row, to tell
    /// Azurite's cost of a batch request from its cost per row.
    /// </summary>
    public static async Task<LoadResult> TransactionAsync(string connectionString, int concurrency, int requests, TimeSpan bound,
        CpuMeter cpu, int smallRows)
    {
        var table = new TableClient(connectionString, "benchrawtx");
        await table.CreateIfNotExistsAsync();
        var body = new string('b', 400);
        var before = cpu.Read();
        var run = Guid.NewGuid().ToString("N")[..8];
        var result = await LoadGenerator.RunAsync("raw transaction", concurrency, requests, bound, async i =>
        {
            var partition = $"tx{smallRows}-{concurrency}-{run}-{i % 16}";
            var id = i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, id)
                {
                    ["Author"] = "Bench Reader", ["Email"] = "bench@example.com", ["BodyMarkdown"] = body,
                    ["BodyHtml"] = "<p>" + body + "</p>", ["Status"] = "approved", ["CreatedAt"] = DateTimeOffset.UtcNow,
                }),
                new(TableTransactionActionType.Add, new TableEntity(partition, "~body|" + id) { ["SeenAt"] = DateTimeOffset.UtcNow }),
                new(TableTransactionActionType.Add, new TableEntity(partition, "~proj|" + id) { ["Status"] = "approved", ["Delta"] = 1 }),
            ];
            actions.RemoveRange(1 + smallRows, 2 - smallRows);
            var response = await table.SubmitTransactionAsync(actions);
            return response.Value.Count == actions.Count;
        });
        return result with { Note = cpu.PerRequest(before, result.Requests) };
    }

    public static async Task<(Dictionary<int, LoadResult> Inserts, Dictionary<int, LoadResult> Reads)> RunAsync(
        string connectionString, int[] concurrencies, int requests, TimeSpan bound, CpuMeter cpu)
    {
        var table = new TableClient(connectionString, "benchraw");
        await table.CreateIfNotExistsAsync();
        var inserts = new Dictionary<int, LoadResult>();
        var reads = new Dictionary<int, LoadResult>();
        var body = new string('b', 400);
        foreach (var c in concurrencies)
        {
            var partition = $"raw-{c}-{Guid.NewGuid():N}";
            var stored = new System.Collections.Concurrent.ConcurrentQueue<int>();
            var before = cpu.Read();
            inserts[c] = await LoadGenerator.RunAsync("raw insert", c, requests, bound, async i =>
            {
                var entity = new TableEntity(partition, i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture))
                {
                    ["Author"] = "Bench Reader",
                    ["Email"] = "bench@example.com",
                    ["BodyMarkdown"] = body,
                    ["BodyHtml"] = "<p>" + body + "</p>",
                    ["Status"] = "approved",
                    ["CreatedAt"] = DateTimeOffset.UtcNow,
                };
                var response = await table.AddEntityAsync(entity);
                stored.Enqueue(i);
                return response.Status == 204;
            });
            inserts[c] = inserts[c] with { Note = cpu.PerRequest(before, inserts[c].Requests) };
            // Read back only rows that were written (the time bound can stop the inserts anywhere).
            var keys = stored.ToArray();
            reads[c] = await LoadGenerator.RunAsync("raw point read", c, requests, bound, async i =>
            {
                var response = await table.GetEntityAsync<TableEntity>(partition,
                    keys[i % keys.Length].ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
                return response.Value is not null;
            });
        }
        return (inserts, reads);
    }
}
