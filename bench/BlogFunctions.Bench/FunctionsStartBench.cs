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
        var loaded = new List<double>();
        var answered = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            // Not waiting for the tables inside StartAsync: the first request below is the first the worker answers.
            await using var server = await FunctionsServer.StartAsync(storage, waitForTables: false);
            var first = Stopwatch.StartNew();
            using var response = await server.Client.GetAsync(new Uri("api/health", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            loaded.Add(server.WorkerStartup.TotalMilliseconds);
            answered.Add((server.WorkerStartup + first.Elapsed).TotalMilliseconds);
        }
        var app = Environment.GetEnvironmentVariable("BLOGFN_FUNCTIONS_APP_DIR") is { Length: > 0 } dir
            ? Path.GetRelativePath(Tests.Infrastructure.RepoPaths.Combine(), dir) : "build output";
        report.Value("Functions worker start to functions loaded (host stand-in), best of 3", $"{loaded.Min():F0} ms", "", "",
            $"all: {All(loaded)} ms; app: {app}");
        report.Value("Functions worker start to first 200 (GET /api/health through the stand-in), best of 3", $"{answered.Min():F0} ms", "", "",
            $"all: {All(answered)} ms");
    }

    private static string All(List<double> ms) => string.Join(" / ", ms.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)));
}
