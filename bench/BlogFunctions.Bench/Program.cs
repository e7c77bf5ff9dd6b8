using System.Diagnostics;
using BlogFunctions.Bench;
using BlogFunctions.Tests.Infrastructure;

// One run, one table: see bench/README.md. Loopback only; Azurite in memory; Release SelfHost as its own process.
var started = Stopwatch.GetTimestamp();
var quick = args.Contains("--quick");
// `--only dispatch` (or comments, moderation, import): just that row group, reported in its own README block.
string[] groups = ["footprint", "startup", "comments", "moderation", "dispatch", "import"];
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
if (only is not null && !groups.Contains(only))
{
    Console.Error.WriteLine($"bench: unknown row group '{only}'; expected one of {string.Join(", ", groups)}");
    return 2;
}
// `--subscribers N` changes the dispatch row's size (default 100,000; 5,000 with --quick).
var subscribersAt = Array.IndexOf(args, "--subscribers");
var subscribers = subscribersAt >= 0 && subscribersAt + 1 < args.Length
    ? int.Parse(args[subscribersAt + 1], System.Globalization.CultureInfo.InvariantCulture)
    : quick ? 5_000 : 100_000;
// `--queue-poll-ms N` sets the dispatch SelfHost's Queues:MaxPollingIntervalMilliseconds (default: the production 2000).
var pollAt = Array.IndexOf(args, "--queue-poll-ms");
var queuePollMs = pollAt >= 0 && pollAt + 1 < args.Length
    ? int.Parse(args[pollAt + 1], System.Globalization.CultureInfo.InvariantCulture)
    : new BlogFunctions.Core.Queues.QueueOptions().MaxPollingIntervalMilliseconds;
// --post: only the raw inserts and the POST rows (the write path's ratio), printed, README untouched.
var postOnly = args.Contains("--post");
// --get-only: the footprint's GET rows alone on a fresh SelfHost, printed, README untouched.
var getOnly = args.Contains("--get-only");
only = getOnly ? "footprint" : only;
only = postOnly ? "comments" : only;
bool Runs(string group) => only is null || only == group;
int[] concurrencies = postOnly && args.Contains("--c32") ? [32] : [1, 16, 32, 64];
var bound = TimeSpan.FromSeconds(quick ? 5 : 8);
int Requests(int c) => quick ? 200 : c == 1 ? 300 : 1500;

var report = new Report(Machine.Describe());
await using var azurite = new AzuriteProcess();
await azurite.StartAsync();

if (Runs("footprint") || only == "startup")
{
    Console.Error.WriteLine("bench: footprint (cold start, memory, sustained POST and GET)");
    // `--selfhost-env NAME=VALUE` (repeatable): an environment variable for the footprint's SelfHost
    // processes, to try a runtime knob (DOTNET_gcServer=0, DOTNET_GCgen0size=...) without a rebuild.
    var extra = args.Select((a, i) => (a, i)).Where(x => x.a == "--selfhost-env" && x.i + 1 < args.Length)
        .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    // `--only startup`: the start-up and idle rows alone (a minute), for trying start-up changes.
    var footprint = new FootprintBench(azurite.ConnectionString, report, quick, azurite.ProcessId!.Value, extra);
    if (getOnly)
    {
        await footprint.RunGetOnlyAsync();
    }
    else
    {
        await footprint.RunAsync(startupOnly: only == "startup");
    }
}
if (Runs("comments") || Runs("moderation"))
{
    await RunCommentsAndModerationAsync();
}
if (Runs("dispatch"))
{
    IdleExecutions.Add(report, queuePollMs);
    Console.Error.WriteLine("bench: newsletter dispatch");
    await new DispatchBench(azurite, report, subscribers, queuePollMs).RunAsync();
}
if (Runs("import"))
{
    Console.Error.WriteLine("bench: comment import");
    await new ImportBench(report, quick).RunAsync();
}

var table = report.Render(DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started));
Console.WriteLine(table);
// A run with a runtime knob (--selfhost-env) is an experiment: printed, never the committed table.
ReadmeTable.Write(table, quick || postOnly || getOnly || args.Contains("--selfhost-env"), only);
return 0;

async Task RunCommentsAndModerationAsync()
{
    var raw = new Dictionary<int, (LoadResult Insert, LoadResult Read)>();
    var transactions = new List<(int Concurrency, int Rows, LoadResult Result)>();
    if (Runs("comments"))
    {
        Console.Error.WriteLine("bench: raw Azure.Data.Tables");
        foreach (var c in concurrencies)
        {
            var (ins, reads) = await RawTables.RunAsync(azurite.ConnectionString, [c], Requests(c), bound, new CpuMeter(null, azurite.ProcessId));
            raw[c] = (ins[c], reads[c]);
        }
        foreach (var c in concurrencies.Where(c => c >= 16))
        {
            // 2 rows is what a POST writes; 1 and 3 show what a row more or less costs Azurite.
            foreach (var rows in postOnly ? [1, 2, 3] : new[] { 2 })
            {
                transactions.Add((c, rows, await RawTables.TransactionAsync(azurite.ConnectionString, c, Requests(c), bound,
                    new CpuMeter(null, azurite.ProcessId), rows - 1)));
            }
        }
    }

    Console.Error.WriteLine("bench: SelfHost start-up");
    await using var host = await SelfHostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
    {
        ["Comments:RateLimit:Count"] = "0",
        ["Comments:MinSecondsToSubmit"] = "0",
        ["Comments:Mode"] = "None",
    });
    report.Value("SelfHost start-up to first 200 (process start → /api/health 200)", $"{host.StartupTime.TotalMilliseconds:F0} ms");

    if (Runs("comments"))
    {
        var comments = new CommentsBench(host.Address, report, quick, new CpuMeter(host.ProcessId, azurite.ProcessId));
        await comments.RunAsync(concurrencies, Requests, bound, raw, postOnly, async c =>
            (await RawTables.RunAsync(azurite.ConnectionString, [c], Requests(c), bound, new CpuMeter(null, azurite.ProcessId))).Inserts[c],
            postOnly
                ? c => RawTables.TransactionAsync(azurite.ConnectionString, c, Requests(c), bound, new CpuMeter(null, azurite.ProcessId), 1)
                : null);

        foreach (var c in concurrencies)
        {
            report.Load("raw AddEntity (Azure.Data.Tables → Azurite)", raw[c].Insert);
        }
        foreach (var c in concurrencies)
        {
            report.Load("raw point read (GetEntity)", raw[c].Read);
        }
        foreach (var (c, rows, tx) in transactions)
        {
            report.Load($"raw transaction of {rows} row(s): comment{(rows > 1 ? $" + {rows - 1} small" : "")}, one partition", tx,
                Report.Ratio(tx.PerSecond, raw[c].Insert.PerSecond) + " of raw insert");
        }
        if (!postOnly)
        {
            Console.Error.WriteLine("bench: comment projection latency");
            await new ProjectionBench(host.Address, azurite.ConnectionString, report, quick).RunAsync();
        }
    }

    if (Runs("moderation") && !postOnly)
    {
        await new ModerationBench(host.Address, azurite.ConnectionString, report, quick,
            new CpuMeter(host.ProcessId, azurite.ProcessId)).RunAsync();
    }

    report.Value("SelfHost peak RSS (VmHWM) after all loads", $"{host.PeakRssMb():F0} MB", "", "≤ 200 MB");
}
