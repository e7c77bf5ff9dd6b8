using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// Newsletter dispatch of one post to N confirmed subscribers (seeded straight into the table)
/// through a Release SelfHost to the tests' SendGrid sink, the way it runs now — queue steps from
/// <c>POST /api/posts</c> to the post done (<see cref="QueuedDispatch"/>) — next to a raw scan of
/// the same subscribers (<see cref="SubscriberTable"/>) and, in the same run, the old inline path:
/// one <c>NewsletterJob.RunOnceAsync</c> in the bench process (<see cref="InlineDispatch"/>).
/// </summary>
internal sealed class DispatchBench(AzuriteProcess azurite, Report report, int count, int maxPollingMilliseconds)
{
    private const int Rounds = 3;

    public async Task RunAsync()
    {
        var storage = azurite.ConnectionString;
        var tables = new TableServiceClient(storage);
        var subscribers = tables.GetTableClient(SubscriberEntity.TableName);
        await subscribers.CreateIfNotExistsAsync();

        await using var sink = await SendGridSink.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Email:Outbox"] = "false",
            ["SendGrid:ApiKey"] = SendGridSink.ApiKey,
            ["SendGrid:Host"] = sink.Host,
            ["PublicBaseUrl"] = "https://blog.example",
            // Off so that nothing but a queue message starts dispatch work: the hourly sync would
            // queue every open post, the inline path's included.
            ["SelfHost:Timers"] = "false",
            // The production default unless --queue-poll-ms says otherwise: how long an idle poller
            // waits between polls is part of what the queue path's row measures.
            ["Queues:MaxPollingIntervalMilliseconds"] = maxPollingMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = await SelfHostProcess.StartAsync(storage, settings);
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SelfHostProcess.ModeratorKey);
        var queued = new QueuedDispatch(client, tables.GetTableClient(PostEntity.TableName), maxPollingMilliseconds);
        await using var inline = new InlineDispatch(storage, settings);

        var meter = new ProcessCpu(new Dictionary<string, int>
        {
            ["Azurite"] = azurite.ProcessId ?? throw new InvalidOperationException("Azurite is not running"),
            ["SelfHost"] = host.ProcessId,
            ["bench+sink"] = Environment.ProcessId,
        });

        // A first small dispatch on each path warms it up (JIT, templates, connections), as the other
        // rows' warm-up requests do; its subscribers are deleted again before the measured ones.
        var warmup = await SubscriberTable.SeedAsync(subscribers, 0, 300, "warmup");
        await queued.RunAsync(sink, meter);
        await inline.RunAsync(sink, meter);
        await SubscriberTable.DeleteAsync(subscribers, warmup);
        sink.Reset();

        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await SubscriberTable.SeedAsync(subscribers, 0, count, "reader");
        report.Value("seeding for the dispatch (batches of 100, 8 in flight)", $"{count / seeding.Elapsed.TotalSeconds:F0} subscribers/s",
            note: $"{count:N0} active subscribers");

        // Three rounds of (scan, queued dispatch of a new post to the same subscribers), medians
        // compared; the first dispatch still compiles its big-chunk paths, so it is reported beside.
        var scans = new List<(TimeSpan Wall, Dictionary<string, TimeSpan> Cpu)>();
        var viaQueue = new List<DispatchRun>();
        for (var round = 0; round < Rounds; round++)
        {
            scans.Add(await SubscriberTable.ScanAsync(subscribers, count, meter));
            viaQueue.Add(await queued.RunAsync(sink, meter));
            sink.Reset();
        }
        var leftover = await WaitingAsync(storage);
        var viaCall = new List<DispatchRun>();
        for (var round = 0; round < Rounds; round++)
        {
            viaCall.Add(await inline.RunAsync(sink, meter));
            sink.Reset();
        }

        var scan = scans.Select(s => s.Wall).Order().ElementAt(Rounds / 2);
        var scanCpu = scans.OrderBy(s => s.Cpu.Values.Sum(v => v.TotalSeconds)).ElementAt(Rounds / 2).Cpu;
        var (queueMedian, queueCpu) = DispatchRun.Medians(viaQueue);
        var (inlineMedian, inlineCpu) = DispatchRun.Medians(viaCall);

        report.Value($"raw scan of {count:N0} subscribers (16 shard queries in parallel)", $"{Ms(scan):F0} ms",
            note: $"median of {Rounds}: " + string.Join(", ", scans.Select(s => $"{Ms(s.Wall):F0}")));
        report.Value($"newsletter dispatch to {count:N0} subscribers, queue path: POST /api/posts → post done (median of {Rounds} posts)",
            $"{Ms(queueMedian.Wall):F0} ms", Report.Ratio(Ms(queueMedian.Wall), Ms(scan)) + " of scan", "≤ 1.5",
            $"runs: {DispatchRun.Walls(viaQueue)} ms (the first {Report.Ratio(Ms(viaQueue[0].Wall), Ms(scan))} of scan); "
            + $"Queues:MaxPollingIntervalMilliseconds {maxPollingMilliseconds}, each post after ≥ {2 * maxPollingMilliseconds / 1000.0:0.#} s quiet; "
            + DispatchRun.Once(viaQueue, count) + "; median run " + queueMedian.Phases);
        report.Value("newsletter dispatch, old inline path (one call, bench process)", $"{Ms(inlineMedian.Wall):F0} ms",
            Report.Ratio(Ms(queueMedian.Wall), Ms(inlineMedian.Wall)) + " queue ÷ inline", "",
            $"NewsletterJob.RunOnceAsync on a post stored without a message, median of {Rounds}: {DispatchRun.Walls(viaCall)} ms, "
            + $"{Report.Ratio(Ms(inlineMedian.Wall), Ms(scan))} of scan; {DispatchRun.Once(viaCall, count)}; median run {inlineMedian.Phases}; "
            + $"newsletter queue before it: {leftover}");
        report.Value($"CPU time of scan (median of {Rounds})", $"{CpuSeconds(scanCpu):F1} s", note: ProcessCpu.Describe(scanCpu));
        report.Value($"CPU time of dispatch, queue path (median of {Rounds})", $"{CpuSeconds(queueCpu):F1} s",
            Report.Ratio(CpuSeconds(queueCpu), CpuSeconds(scanCpu)) + " of scan", "", ProcessCpu.Describe(queueCpu));
        report.Value($"CPU time of dispatch, old inline path (median of {Rounds})", $"{CpuSeconds(inlineCpu):F1} s",
            Report.Ratio(CpuSeconds(inlineCpu), CpuSeconds(scanCpu)) + " of scan", "",
            ProcessCpu.Describe(inlineCpu) + " (the dispatch itself is in bench+sink here)");
        var expected = (count + 999) / 1000;
        report.Value("newsletter send requests (mail/send) per post",
            $"queue {string.Join(", ", viaQueue.Select(d => d.Requests))}; inline {string.Join(", ", viaCall.Select(d => d.Requests))}", "",
            $"exactly {expected}", string.Join("; ", viaQueue.Concat(viaCall).Select(d => $"{d.Attempts} reached the sink, {d.Rejected} rejected")));
        report.Value("dispatch SelfHost peak RSS (VmHWM)", $"{host.PeakRssMb():F0} MB", "", "≤ 200 MB");

        static double Ms(TimeSpan t) => t.TotalMilliseconds;
        static double CpuSeconds(Dictionary<string, TimeSpan> c) => c.Values.Sum(v => v.TotalSeconds);
    }

    /// <summary>Messages still on the newsletter queue, visible or not: after the queued rounds, only repeats for posts already done may be left.</summary>
    private static async Task<string> WaitingAsync(string storage)
    {
        var queue = new QueueClient(storage, WorkQueues.Newsletter, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return waiting == 0 ? "empty" : $"{waiting} message(s)";
    }
}
