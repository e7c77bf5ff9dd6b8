using System.Diagnostics;

namespace BlogFunctions.Bench;

/// <summary>
/// CPU time (user + system) the processes of one measurement spent over an interval: on a shared,
/// overloaded machine wall time mostly measures the neighbours, CPU time measures the work.
/// </summary>
internal sealed class ProcessCpu(IReadOnlyDictionary<string, int> processes)
{
    public Dictionary<string, TimeSpan> Now() => processes.ToDictionary(p => p.Key, p => Cpu(p.Value));

    public static Dictionary<string, TimeSpan> Since(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));

    public static string Describe(Dictionary<string, TimeSpan> spent) =>
        string.Join(", ", spent.Select(s => $"{s.Key} {s.Value.TotalSeconds:F1}")) + $" (total {spent.Values.Sum(v => v.TotalSeconds):F1}) CPU s";

    private static TimeSpan Cpu(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
