using System.Diagnostics;
using System.Globalization;
using BlogFunctions.Tests.FunctionsHost;

namespace BlogFunctions.Bench;

/// <summary>
/// The Functions app's cold start, driven like the host drives it (the tests' stand-in): worker
/// process started → FunctionRpc stream opened and functions loaded → first 200 from GET
/// /api/health through the stand-in (the stand-in's own start before the worker is left out).
/// run.sh points the stand-in at the published (ReadyToRun) app, which is what Azure runs.
/// </summary>
internal static class FunctionsStartBench
{
    public static async Task RunAsync(string storage, Report report)
    {
        var ours = await StartsAsync(storage, null);
        var app = Environment.GetEnvironmentVariable("BLOGFN_FUNCTIONS_APP_DIR") is { Length: > 0 } dir
            ? Path.GetRelativePath(Tests.Infrastructure.RepoPaths.Combine(), dir) : "build output";
        // The floor: the same worker packages and start-up, one function, nothing of ours (bench/BareFunctions).
        var bare = Environment.GetEnvironmentVariable("BENCH_BARE_FUNCTIONS_DIR") is { Length: > 0 } bareDir
            ? await StartsAsync(storage, bareDir) : null;
        report.Value("Functions worker start to functions loaded (host stand-in), best of 3", $"{ours.Loaded.Min():F0} ms",
            bare is null ? "" : Report.Ratio(ours.Loaded.Min(), bare.Loaded.Min()) + " of bare worker", "", $"all: {All(ours.Loaded)} ms; app: {app}");
        report.Value("Functions worker start to first 200 (GET /api/health through the stand-in), best of 3", $"{ours.Answered.Min():F0} ms",
            bare is null ? "" : Report.Ratio(ours.Answered.Min(), bare.Answered.Min()) + " of bare worker", "halved",
            $"all: {All(ours.Answered)} ms; idle RSS 5 s after: {ours.IdleRss}");
        if (bare is not null)
        {
            report.Value("bare Functions worker (bench/BareFunctions, published alike), start to functions loaded, best of 3",
                $"{bare.Loaded.Min():F0} ms", "", "", $"all: {All(bare.Loaded)} ms");
            report.Value("bare Functions worker, start to first 200 (GET /api/health through the stand-in), best of 3",
                $"{bare.Answered.Min():F0} ms", "", "", $"the floor of any isolated worker with ASP.NET Core integration here; all: {All(bare.Answered)} ms; idle RSS 5 s after: {bare.IdleRss}");
        }
    }

    private sealed record Starts(List<double> Loaded, List<double> Answered, string IdleRss);

    private static async Task<Starts> StartsAsync(string storage, string? appDirectory)
    {
        var loaded = new List<double>();
        var answered = new List<double>();
        var idle = "";
        for (var i = 0; i < 3; i++)
        {
            // Not waiting for the tables inside StartAsync: the first request below is the first the worker answers.
            await using var server = await FunctionsServer.StartAsync(storage, waitForTables: false, appDirectory: appDirectory);
            var first = Stopwatch.StartNew();
            using var response = await server.Client.GetAsync(new Uri("api/health", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            loaded.Add(server.WorkerStartup.TotalMilliseconds);
            answered.Add((server.WorkerStartup + first.Elapsed).TotalMilliseconds);
            if (i == 2)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                idle = $"{ProcMemory.Mb(server.WorkerProcessId, "VmRSS"):F0} MB ({ProcMemory.ByMapping(server.WorkerProcessId)})";
            }
        }
        return new Starts(loaded, answered, idle);
    }

    private static string All(List<double> ms) => string.Join(" / ", ms.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)));
}
