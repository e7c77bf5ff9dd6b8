using System.Diagnostics;

namespace BlogFunctions.Bench;

/// <summary>Throughput and latency of one measured run.</summary>
internal sealed record LoadResult(string Name, int Concurrency, int Requests, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;

    /// <summary>Extra words for the notes column (e.g. CPU per request).</summary>
    public string Note { get; init; } = "";
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send the next request as soon as
/// the previous one answered, until a fixed number of requests is done or the time bound passes.
/// Every latency is kept (no sampling) so p99 is exact.
/// </summary>
internal static class LoadGenerator
{
    /// <param name="operation">Sends request number i; returns false when the answer was wrong (counted as an error).</param>
    public static async Task<LoadResult> RunAsync(string name, int concurrency, int requests, TimeSpan bound,
        Func<int, Task<bool>> operation)
    {
        var latencies = new long[requests];
        Array.Fill(latencies, -1L);
        var next = -1;
        var errors = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && Stopwatch.GetTimestamp() < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(i);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    ok = false;
                }
                latencies[i] = Stopwatch.GetTimestamp() - t0;
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Only requests that were sent count: a worker that drew an index after the time bound sent nothing.
        var sorted = latencies.Where(l => l >= 0).Order().ToArray();
        var done = sorted.Length;
        double Percentile(double p) => sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(name, concurrency, done, errors, elapsed, Percentile(0.50), Percentile(0.99));
    }

    public static HttpClient Client(Uri baseAddress, int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };
}

/// <summary>
/// Sustained load: <c>concurrency</c> workers send back to back for a fixed duration, however many
/// requests that takes (the rows of issue #19; a fixed-size burst hides a background that falls
/// behind). Latencies are kept per worker, every one of them.
/// </summary>
internal static class SustainedLoad
{
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var next = -1;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(Interlocked.Increment(ref next));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    ok = false;
                }
                mine.Add(Stopwatch.GetTimestamp() - t0);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            return mine;
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sorted = perWorker.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(name, concurrency, sorted.Length, errors, elapsed, Percentile(0.50), Percentile(0.99));
    }
}
