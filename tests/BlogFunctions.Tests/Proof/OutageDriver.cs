using System.Collections.Concurrent;
using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>What one request under fault injection answered, and when (seconds since the load began).</summary>
public sealed record Observation(int Status, bool HasRetryAfter, double At, string? Key, string? Error = null);

/// <summary>
/// Sustained load by a few concurrent clients while Azurite (with a data folder, so data
/// survives) is stopped and started again twice; the load keeps going until the service has
/// answered successfully after the last restart or the time bound passes.
/// </summary>
public sealed class OutageDriver(AzuriteProcess azurite)
{
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Down { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Up { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan RecoveryBound { get; init; } = TimeSpan.FromSeconds(25);

    public ConcurrentBag<string> Timings { get; } = [];

    public ConcurrentQueue<Observation> Observations { get; } = new();

    /// <summary>Seconds since the load began when Azurite was last started again.</summary>
    public double LastRestartAt { get; private set; }

    /// <param name="step">One request by worker w, returning its observation.</param>
    public async Task RunAsync(int workers, Func<int, Func<double>, Task<Observation?>> step, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        double Now() => clock.Elapsed.TotalSeconds;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Observation? o;
                try
                {
                    o = await step(w, Now);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    o = stop.IsCancellationRequested ? null : new Observation(0, false, Now(), null, e.GetType().Name + ": " + e.Message);
                }
                if (o is null)
                {
                    await Task.Delay(20, CancellationToken.None);
                    continue;
                }
                Observations.Enqueue(o);
            }
        }, CancellationToken.None)).ToArray();

        await Task.Delay(Warmup, cancellationToken);
        for (var outage = 0; outage < 2; outage++)
        {
            var t0 = Now();
            azurite.Interrupt();
            Timings.Add($"interrupt {Now() - t0:F1}s");
            await Task.Delay(Down, cancellationToken);
            t0 = Now();
            await azurite.StartAsync();
            Timings.Add($"start {Now() - t0:F1}s");
            LastRestartAt = Now();
            await Task.Delay(Up, cancellationToken);
        }
        var bound = Stopwatch.StartNew();
        while (bound.Elapsed < RecoveryBound && !Observations.Any(o => o.Status is >= 200 and < 300 && o.At > LastRestartAt + 1))
        {
            await Task.Delay(200, cancellationToken);
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);
    }

    /// <summary>Everything that breaks the outage contract: 5xx other than 503, 503 without Retry-After, transport errors.</summary>
    public IReadOnlyList<string> ContractViolations(params int[] allowed) =>
        Observations.Where(o => o.Error is not null
                || (o.Status == 503 && !o.HasRetryAfter)
                || (o.Status != 503 && !allowed.Contains(o.Status)))
            .Select(o => $"{o.Status} at {o.At:F1}s {o.Error}").ToArray();

    public bool Recovered => Observations.Any(o => o.Status is >= 200 and < 300 && o.At > LastRestartAt + 1);

    public int Count(int status) => Observations.Count(o => o.Status == status);
}
