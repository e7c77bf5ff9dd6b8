using System.Globalization;

namespace BlogFunctions.Bench;

/// <summary>A process's resident memory, from <c>/proc/PID/status</c>, for the SelfHost and its bare baseline alike.</summary>
internal static class ProcMemory
{
    /// <summary>One field of /proc/PID/status (VmRSS, VmHWM, RssAnon…) in MB, or NaN.</summary>
    public static double Mb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return double.NaN;
    }

    /// <summary>
    /// What the resident memory is: anonymous (GC heap, native allocations), file-backed (mapped
    /// assemblies, the runtime) and shared (the runtime's double-mapped executable memory, W^X).
    /// </summary>
    public static string Note(int pid) =>
        $"RssAnon {Mb(pid, "RssAnon"):F0} MB, RssFile {Mb(pid, "RssFile"):F0} MB, RssShmem {Mb(pid, "RssShmem"):F0} MB";

    /// <summary>Starts VmHWM again from the current RSS (Linux: "5" to clear_refs), so a peak belongs to one phase.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
}
