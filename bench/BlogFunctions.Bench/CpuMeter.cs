using System.Diagnostics;

namespace BlogFunctions.Bench;

/// <summary>
/// CPU time spent by the SelfHost, by Azurite and by the bench process (the client) while a load
/// runs, per request: on a machine where all three share two cores, this shows where a row's time
/// goes (the profile behind a missed ratio).
/// </summary>
internal sealed class CpuMeter(int? selfHostPid, int? azuritePid)
{
    public static CpuMeter None { get; } = new(null, null);

    public (TimeSpan SelfHost, TimeSpan Azurite, TimeSpan Bench) Read() =>
        (Of(selfHostPid), Of(azuritePid), Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>"CPU/req: SelfHost x ms, Azurite y ms, bench client z ms" for the span since <paramref name="before"/>.</summary>
    public string PerRequest((TimeSpan SelfHost, TimeSpan Azurite, TimeSpan Bench) before, int requests)
    {
        if (requests == 0)
        {
            return "";
        }
        var (host, azurite, bench) = Read();
        var parts = new List<string>();
        if (selfHostPid is not null)
        {
            parts.Add($"SelfHost {(host - before.SelfHost).TotalMilliseconds / requests:F1} ms");
        }
        if (azuritePid is not null)
        {
            parts.Add($"Azurite {(azurite - before.Azurite).TotalMilliseconds / requests:F1} ms");
        }
        // The bench process is the client: the load generator for API rows, the SDK itself for raw
        // rows. On 2 shared cores its CPU is taken from the others, so it belongs in the picture.
        parts.Add($"bench client {(bench - before.Bench).TotalMilliseconds / requests:F1} ms");
        return "; CPU/req: " + string.Join(", ", parts);
    }

    private static TimeSpan Of(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }
        try
        {
            using var process = Process.GetProcessById(pid.Value);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }
}
