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
        $"RssAnon {Mb(pid, "RssAnon"):F0} MB, RssFile {Mb(pid, "RssFile"):F0} MB, RssShmem {Mb(pid, "RssShmem"):F0} MB ({ByMapping(pid)})";

    /// <summary>
    /// Resident memory by what is mapped (<c>/proc/PID/smaps</c>): what the GC and native code
    /// allocated, the JIT's code, the shared framework's assemblies, the app's own and its
    /// packages' assemblies, and native libraries (the runtime, ICU, OpenSSL).
    /// </summary>
    public static string ByMapping(int pid)
    {
        var kb = new Dictionary<string, long>(StringComparer.Ordinal);
        var kind = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                kind = Kind(fields.Length > 5 ? fields[5] : "");
            }
            else if (fields is ["Rss:", var value, ..])
            {
                kb[kind] = kb.GetValueOrDefault(kind) + long.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return string.Join(", ", kb.Where(k => k.Value >= 512).OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value / 1024.0:F0}"));
    }

    // .../shared/Microsoft.NETCore.App/10.0.x/ → .../shared/: every shared framework's assemblies.
    private static readonly string SharedFrameworks =
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", ".."));

    private static string Kind(string path) => path switch
    {
        "" or "[heap]" or "[stack]" => "heap+native",
        _ when path.StartsWith("[anon", StringComparison.Ordinal) => "heap+native",
        _ when path.Contains("doublemapper", StringComparison.Ordinal) => "JIT code",
        _ when path.EndsWith(".dll", StringComparison.Ordinal) && path.StartsWith(SharedFrameworks, StringComparison.Ordinal) => "framework dlls",
        _ when path.EndsWith(".dll", StringComparison.Ordinal) => "app+package dlls",
        _ when path.Contains(".so", StringComparison.Ordinal) => "native libs",
        _ => "other",
    };

    /// <summary>Starts VmHWM again from the current RSS (Linux: "5" to clear_refs), so a peak belongs to one phase.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");
}
