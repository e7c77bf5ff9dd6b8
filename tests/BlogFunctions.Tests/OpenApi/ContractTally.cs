namespace BlogFunctions.Tests.OpenApi;

/// <summary>
/// Counts the responses <see cref="ContractCheckingHandler"/> checked in this test run, and, when
/// OPENAPI_CONTRACT_LOG names a file, appends one line per response to it (method, path, status,
/// outcome), so a run can show how much of the API its tests covered.
/// </summary>
public static class ContractTally
{
    private static readonly string? LogFile = Environment.GetEnvironmentVariable("OPENAPI_CONTRACT_LOG");
    private static readonly Lock Gate = new();
    private static int _checked;
    private static int _drifted;

    public static int Checked => Volatile.Read(ref _checked);

    public static int Drifted => Volatile.Read(ref _drifted);

    public static void Record(string host, string method, string path, int status, string? failure)
    {
        Interlocked.Increment(ref _checked);
        if (failure is not null)
        {
            Interlocked.Increment(ref _drifted);
        }
        if (LogFile is null)
        {
            return;
        }
        lock (Gate)
        {
            File.AppendAllText(LogFile, $"{host} {method} {path} {status} {(failure is null ? "ok" : "DRIFT " + failure)}\n");
        }
    }
}
