using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Bench;

/// <summary>
/// Newsletter dispatch of one post to N confirmed subscribers (seeded straight into the table, as
/// the API stores them) through a Release SelfHost to the tests' SendGrid sink, next to a raw
/// Azure.Data.Tables scan of the same entities: the active rows of the 16 shards, queried in
/// parallel with the columns a send needs — the fastest way there is to merely read who to mail.
/// </summary>
internal sealed class DispatchBench(AzuriteProcess azurite, Report report, int count)
{
    private const int ShardCount = SubscriberEntity.ShardCount;

    private string Storage => azurite.ConnectionString;

    public async Task RunAsync()
    {
        var storage = Storage;
        var subscribers = new TableServiceClient(storage).GetTableClient(SubscriberEntity.TableName);
        await subscribers.CreateIfNotExistsAsync();

        await using var sink = await SendGridSink.StartAsync();
        await using var host = await SelfHostProcess.StartAsync(storage, new Dictionary<string, string>
        {
            ["Email:Outbox"] = "false",
            ["SendGrid:ApiKey"] = SendGridSink.ApiKey,
            ["SendGrid:Host"] = sink.Host,
            ["PublicBaseUrl"] = "https://blog.example",
            ["SelfHost:Timers"] = "false",
        });
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SelfHostProcess.ModeratorKey);

        // A first small dispatch warms the SelfHost up (JIT, templates, connections), as the other rows' warm-up requests do;
        // its subscribers are deleted again before the measured one.
        var warmup = await SeedAsync(subscribers, 0, 300, "warmup");
        await RegisterPostAsync(client);
        (await client.PostAsync(new Uri("api/moderation/newsletter/run", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await DeleteAsync(subscribers, warmup);
        sink.Reset();

        var seeding = Stopwatch.StartNew();
        await SeedAsync(subscribers, 0, count, "reader");
        report.Value("seeding for the dispatch (batches of 100, 8 in flight)", $"{count / seeding.Elapsed.TotalSeconds:F0} subscribers/s",
            note: $"{count:N0} active subscribers");

        var meter = new ProcessCpu(new Dictionary<string, int>
        {
            ["Azurite"] = azurite.ProcessId ?? throw new InvalidOperationException("Azurite is not running"),
            ["SelfHost"] = host.ProcessId,
            ["bench+sink"] = Environment.ProcessId,
        });
        // Both sides are measured the same way: three rounds of (scan, dispatch of a new post to the same
        // subscribers), medians compared. The first dispatch still compiles its big-chunk paths (a
        // profile showed ~20 % of the SelfHost's CPU in the JIT there); it is reported beside the median.
        var scans = new List<(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu)>();
        var dispatches = new List<DispatchRun>();
        for (var round = 0; round < Rounds; round++)
        {
            scans.Add(await ScanAsync(subscribers, count, meter));
            dispatches.Add(await DispatchAsync(client, storage, sink, meter));
            sink.Reset();
        }
        var scan = scans.Select(s => s.Wall).Order().ElementAt(Rounds / 2);
        var scanCpu = scans.OrderBy(s => s.Cpu.Values.Sum(v => v.TotalSeconds)).ElementAt(Rounds / 2).Cpu;
        var median = dispatches.OrderBy(d => d.Wall).ElementAt(Rounds / 2);
        var dispatchCpu = dispatches.OrderBy(d => d.Cpu.Values.Sum(v => v.TotalSeconds)).ElementAt(Rounds / 2).Cpu;
        var expected = (count + 999) / 1000;
        var allOnce = dispatches.All(d => d.Recipients == count && d.Repeated == 0);

        report.Value($"raw scan of {count:N0} subscribers (16 shard queries in parallel)", $"{scan.TotalMilliseconds:F0} ms",
            note: $"median of {Rounds}: " + string.Join(", ", scans.Select(s => $"{s.Wall.TotalMilliseconds:F0}")));
        report.Value($"newsletter dispatch to {count:N0} subscribers → SendGrid sink (median of {Rounds} posts)", $"{median.Wall.TotalMilliseconds:F0} ms",
            Report.Ratio(median.Wall.TotalMilliseconds, scan.TotalMilliseconds) + " of scan", "≤ 1.5",
            $"runs: {string.Join(", ", dispatches.Select(d => $"{d.Wall.TotalMilliseconds:F0}"))} ms (the first "
            + $"{Report.Ratio(dispatches[0].Wall.TotalMilliseconds, scan.TotalMilliseconds)} of scan); "
            + (allOnce ? $"each run: {count:N0} recipients, each exactly once" : string.Join("; ", dispatches.Select(d => $"{d.Recipients:N0} recipients, {d.Repeated} more than once")))
            + "; median run " + median.Phases);
        report.Value($"CPU time of scan (median of {Rounds})", $"{scanCpu.Values.Sum(v => v.TotalSeconds):F1} s", note: ProcessCpu.Describe(scanCpu));
        report.Value($"CPU time of dispatch (median of {Rounds})", $"{dispatchCpu.Values.Sum(v => v.TotalSeconds):F1} s",
            Report.Ratio(dispatchCpu.Values.Sum(v => v.TotalSeconds), scanCpu.Values.Sum(v => v.TotalSeconds)) + " of scan", "",
            ProcessCpu.Describe(dispatchCpu));
        report.Value("newsletter send requests (mail/send) per post", string.Join(", ", dispatches.Select(d => d.Requests)), "",
            $"exactly {expected}", string.Join("; ", dispatches.Select(d => $"{d.Attempts} reached the sink, {d.Rejected} rejected")));
        report.Value("dispatch SelfHost peak RSS (VmHWM)", $"{host.PeakRssMb():F0} MB", "", "≤ 200 MB");
    }

    private const int Rounds = 3;

    private sealed record DispatchRun(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu, string Phases, int Requests,
        int Recipients, int Repeated, int Attempts, int Rejected);

    private static async Task<DispatchRun> DispatchAsync(HttpClient client, string storage, SendGridSink sink, ProcessCpu meter)
    {
        var key = await RegisterPostAsync(client);
        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = meter.Now();
        var started = Stopwatch.GetTimestamp();
        using (var response = await client.PostAsync(new Uri("api/moderation/newsletter/run", UriKind.Relative), null))
        {
            response.EnsureSuccessStatusCode();
        }
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu.Since(cpuBefore, meter.Now());
        var post = (await new TableServiceClient(storage).GetTableClient(PostEntity.TableName)
            .GetEntityAsync<PostEntity>(PostEntity.Partition, key)).Value;
        var phases = post.PlannedAt is { } planned && post.CompletedAt is { } completed
            ? $"planned after {(planned - startedAt).TotalMilliseconds:F0} ms, sent in {(completed - planned).TotalMilliseconds:F0} ms"
            : $"post {post.State}";
        var requests = sink.Requests.Where(r => r.CustomArgs.GetValueOrDefault("postId") == key).ToList();
        var perRecipient = requests.SelectMany(r => r.Messages()).GroupBy(m => m.To.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return new DispatchRun(wall, cpu, phases, requests.Count, perRecipient.Count, perRecipient.Count(g => g.Count() > 1),
            sink.Attempts, sink.Rejected);
    }

    private static async Task<List<SubscriberEntity>> SeedAsync(TableClient table, int from, int count, string prefix)
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

    private static Task DeleteAsync(TableClient table, List<SubscriberEntity> rows) =>
        SubmitAsync(table, rows, TableTransactionActionType.Delete);

    private static async Task SubmitAsync(TableClient table, List<SubscriberEntity> rows, TableTransactionActionType action)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => action == TableTransactionActionType.Delete
                ? new TableTransactionAction(action, r, Azure.ETag.All)
                : new TableTransactionAction(action, r)), ct));
    }

    private static async Task<(TimeSpan, Dictionary<string, TimeSpan>)> ScanAsync(TableClient table, int expected, ProcessCpu meter)
    {
        var cpu = meter.Now();
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, ShardCount).Select(async i =>
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

    private static async Task<string> RegisterPostAsync(HttpClient client)
    {
        var id = "bench-dispatch-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await client.PostAsJsonAsync(new Uri("api/posts", UriKind.Relative), new
        {
            id,
            title = "Tight glutes and lower back pain",
            url = $"https://blog.example/{id}",
            summary = "Why tight glutes pull on your lower back, and three stretches that help.",
            publishedAt = DateTimeOffset.UtcNow,
        });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("key").GetString()!;
    }
}
