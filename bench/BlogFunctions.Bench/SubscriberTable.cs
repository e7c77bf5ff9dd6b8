using System.Diagnostics;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Bench;

/// <summary>
/// The dispatch row's subscribers, written straight into the table as the API stores them (signed
/// with the bench SelfHost's key, so their keys are the ones the API would make), and the raw scan
/// every dispatch is compared with: the active rows of the 16 shards, queried in parallel with the
/// columns a send needs — the fastest way there is to merely read who to mail.
/// </summary>
internal static class SubscriberTable
{
    public static async Task<List<SubscriberEntity>> SeedAsync(TableClient table, int from, int count, string prefix)
    {
        var signer = new Signer(Options.Create(new SecurityOptions { SigningKey = SelfHostProcess.SigningKey }));
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(from, count).Select(i =>
        {
            var email = $"{prefix}{i}@bench.example";
            var hash = signer.Hash("email", email);
            return new SubscriberEntity
            {
                PartitionKey = SubscriberEntity.ShardOf(hash),
                RowKey = hash,
                Email = email,
                Name = i % 3 == 0 ? $"Reader {i}" : null,
                Status = SubscriberStatus.Active,
                CreatedAt = now,
                ConfirmedAt = now,
                ConsentAt = now,
                ConsentWording = "v1",
                ConsentSource = "https://blog.example/subscribe",
            };
        }).ToList();
        await SubmitAsync(table, rows, TableTransactionActionType.UpsertReplace);
        return rows;
    }

    public static Task DeleteAsync(TableClient table, List<SubscriberEntity> rows) =>
        SubmitAsync(table, rows, TableTransactionActionType.Delete);

    public static async Task<(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu)> ScanAsync(TableClient table, int expected, ProcessCpu meter)
    {
        var cpu = meter.Now();
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, SubscriberEntity.ShardCount).Select(async i =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"s" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)} and Status eq {SubscriberStatus.Active}");
            var n = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Email", "Name"]))
            {
                n += row.GetString("Email") is { Length: > 0 } ? 1 : 0;
            }
            return n;
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var spent = ProcessCpu.Since(cpu, meter.Now());
        if (counts.Sum() != expected)
        {
            throw new InvalidOperationException($"The scan read {counts.Sum()} subscribers, expected {expected}.");
        }
        return (elapsed, spent);
    }

    private static async Task SubmitAsync(TableClient table, List<SubscriberEntity> rows, TableTransactionActionType action)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => action == TableTransactionActionType.Delete
                ? new TableTransactionAction(action, r, Azure.ETag.All)
                : new TableTransactionAction(action, r)), ct));
    }
}
