namespace BlogFunctions.Bench;

/// <summary>A server process's CPU time, for the GET rows' CPU per request.</summary>
internal static class ServerCpu
{
    public static TimeSpan Of(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    public static double PerRequestUs(int pid, TimeSpan before, int requests) =>
        requests == 0 ? double.NaN : (Of(pid) - before).TotalMicroseconds / requests;
}
