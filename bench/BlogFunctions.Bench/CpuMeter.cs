using System.Diagnostics;

namespace BlogFunctions.Bench;

/// <summary>
/// CPU time spent by the SelfHost and by Azurite while a load runs, per request: on a machine where
/// both share two cores, this shows where a row's time goes (the profile behind a missed ratio).
/// </summary>
internal sealed class CpuMeter(int? selfHostPid, int? azuritePid)
{
    public static CpuMeter None { get; } = new(null, null);

    public (TimeSpan SelfHost, TimeSpan Azurite) Read() => (Of(selfHostPid), Of(azuritePid));

    /// <summary>"CPU/req: SelfHost x ms, Azurite y ms" for the span since <paramref name="before"/>.</summary>
    public string PerRequest((TimeSpan SelfHost, TimeSpan Azurite) before, int requests)
    {
        if (requests == 0)
        {
            return "";
        }
        var (host, azurite) = Read();
        var parts = new List<string>();
        if (selfHostPid is not null)
        {
            parts.Add($"SelfHost {(host - before.SelfHost).TotalMilliseconds / requests:F1} ms");
        }
        if (azuritePid is not null)
        {
            parts.Add($"Azurite {(azurite - before.Azurite).TotalMilliseconds / requests:F1} ms");
        }
        return parts.Count == 0 ? "" : "; CPU/req: " + string.Join(", ", parts);
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
