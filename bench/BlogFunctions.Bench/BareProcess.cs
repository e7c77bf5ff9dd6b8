using System.Diagnostics;
using System.Globalization;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// Bare Kestrel (bench/BareKestrel) as its own process, published like the SelfHost (ReadyToRun,
/// server GC), so it shares the cores with the load generator the same way and its start-up and
/// memory are the floor the SelfHost's are measured against. Given a storage connection string it
/// also lists the tables before listening, as the SelfHost's start-up does.
/// </summary>
internal sealed class BareProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _bodyFile;

    private BareProcess(Process process, string bodyFile, Uri address, TimeSpan startupTime)
    {
        _process = process;
        _bodyFile = bodyFile;
        Address = address;
        StartupTime = startupTime;
    }

    public Uri Address { get; }

    /// <summary>Process start to the first 200 on /bare.</summary>
    public TimeSpan StartupTime { get; }

    public int ProcessId => _process.Id;

    /// <summary>bench/out/bare when run.sh published it, else the Release build output.</summary>
    private static string AppDirectory =>
        Environment.GetEnvironmentVariable("BENCH_BARE_DIR") is { Length: > 0 } published
            ? published
            : RepoPaths.Combine("bench", "BareKestrel", "bin", "Release", "net10.0");

    public static async Task<BareProcess> StartAsync(byte[] body, string? storage = null)
    {
        var dll = Path.Combine(AppDirectory, "BareKestrel.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: bench/run.sh publishes it.");
        }
        var bodyFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(bodyFile, body);
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add(bodyFile);
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        if (storage is not null)
        {
            psi.ArgumentList.Add(storage);
        }
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("bare server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("bare: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var startup = await FirstAnswer.WaitAsync(process, address, "bare", started, TimeSpan.FromSeconds(30), "bare server");
        return new BareProcess(process, bodyFile, address, startup);
    }

    public double RssMb() => ProcMemory.Mb(_process.Id, "VmRSS");

    public double PeakRssMb() => ProcMemory.Mb(_process.Id, "VmHWM");

    public string Note() => ProcMemory.Note(_process.Id);

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        File.Delete(_bodyFile);
        return ValueTask.CompletedTask;
    }
}
