using System.Globalization;

namespace BlogFunctions.Bench;

/// <summary>
/// The kernel's TCP counters (/proc/net/netstat) a latency tail can come from: connections dropped
/// because a listen queue was full, and SYNs sent again (1 s, then 3 s, later). A row's note shows
/// their change, so a multi-second p99 can be told apart from slow work.
/// </summary>
internal static class TcpCounters
{
    private static readonly string[] Names = ["ListenOverflows", "TCPSynRetrans", "TCPTimeouts"];

    public static IReadOnlyDictionary<string, long> Read()
    {
        var lines = File.ReadAllLines("/proc/net/netstat").Where(l => l.StartsWith("TcpExt:", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Names.ToDictionary(n => n, n => long.Parse(values[Array.IndexOf(names, n)], CultureInfo.InvariantCulture));
    }

    public static string Change(IReadOnlyDictionary<string, long> before)
    {
        var after = Read();
        return "TCP: " + string.Join(", ", Names.Select(n => $"{n} +{after[n] - before[n]}"));
    }
}
