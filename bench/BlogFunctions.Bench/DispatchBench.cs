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
        // Scans before and after the dispatch: the median is the baseline (the machine is shared and noisy).
        var scans = new List<(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu)> { await ScanAsync(subscribers, count, meter), await ScanAsync(subscribers, count, meter) };
        var key = await RegisterPostAsync(client);
        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = meter.Now();
        var started = Stopwatch.GetTimestamp();
        using (var response = await client.PostAsync(new Uri("api/moderation/newsletter/run", UriKind.Relative), null))
        {
            response.EnsureSuccessStatusCode();
        }
        var dispatch = Stopwatch.GetElapsedTime(started);
        var dispatchCpu = ProcessCpu.Since(cpuBefore, meter.Now());
        scans.Add(await ScanAsync(subscribers, count, meter));
        var scan = scans.Select(s => s.Wall).Order().ElementAt(1);
        var scanCpu = scans.OrderBy(s => s.Cpu.Values.Sum(v => v.TotalSeconds)).ElementAt(1).Cpu;

        var post = (await new TableServiceClient(storage).GetTableClient(PostEntity.TableName)
            .GetEntityAsync<PostEntity>(PostEntity.Partition, key)).Value;
        var phases = post.PlannedAt is { } planned && post.CompletedAt is { } completed
            ? $"; planned after {(planned - startedAt).TotalMilliseconds:F0} ms, sent in {(completed - planned).TotalMilliseconds:F0} ms"
            : $"; post {post.State}";
        var requests = sink.Requests.Where(r => r.CustomArgs.GetValueOrDefault("postId") == key).ToList();
        var perRecipient = requests.SelectMany(r => r.Messages()).GroupBy(m => m.To.Email, StringComparer.OrdinalIgnoreCase).ToList();
        var once = perRecipient.Count == count && perRecipient.All(g => g.Count() == 1);
        report.Value($"raw scan of {count:N0} subscribers (16 shard queries in parallel)", $"{scan.TotalMilliseconds:F0} ms",
            note: "median of 3: " + string.Join(", ", scans.Select(s => $"{s.Wall.TotalMilliseconds:F0}")));
        report.Value($"newsletter dispatch to {count:N0} subscribers → SendGrid sink", $"{dispatch.TotalMilliseconds:F0} ms",
            Report.Ratio(dispatch.TotalMilliseconds, scan.TotalMilliseconds) + " of scan", "≤ 1.5",
            (once ? $"{count:N0} recipients, each exactly once" : $"{perRecipient.Count:N0} recipients, {perRecipient.Count(g => g.Count() > 1)} more than once") + phases);
        report.Value("CPU time of scan (median of 3)", $"{scanCpu.Values.Sum(v => v.TotalSeconds):F1} s", note: ProcessCpu.Describe(scanCpu));
        report.Value("CPU time of dispatch", $"{dispatchCpu.Values.Sum(v => v.TotalSeconds):F1} s",
            Report.Ratio(dispatchCpu.Values.Sum(v => v.TotalSeconds), scanCpu.Values.Sum(v => v.TotalSeconds)) + " of scan", "",
            ProcessCpu.Describe(dispatchCpu));
        report.Value("newsletter send requests (mail/send)", requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "",
            $"exactly {(count + 999) / 1000}", $"{sink.Attempts} reached the sink, {sink.Rejected} rejected");
        report.Value("dispatch SelfHost peak RSS (VmHWM)", $"{host.PeakRssMb():F0} MB", "", "≤ 200 MB");
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
