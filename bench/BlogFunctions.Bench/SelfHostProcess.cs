using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// The Release SelfHost as its own process (so its memory is its own): started with settings as
/// environment variables, timed to its first 200 from /api/health, and its peak RSS read from
/// /proc (VmHWM, the kernel's high-water mark of resident memory).
/// </summary>
internal sealed class SelfHostProcess : IAsyncDisposable
{
    public const string ModeratorKey = "bench-moderator-key-0123456789-abcdef";
    public const string SigningKey = "bench-signing-key-0123456789-0123456789-abcdef";
    private readonly Process _process;

    private SelfHostProcess(Process process, Uri address, TimeSpan startup)
    {
        _process = process;
        Address = address;
        StartupTime = startup;
    }

    public Uri Address { get; }

    /// <summary>The published (ReadyToRun) app run.sh makes, as deployed; else the Release build output.</summary>
    private static string AppDirectory =>
        Environment.GetEnvironmentVariable("BENCH_SELFHOST_DIR") is { Length: > 0 } published
            ? published
            : RepoPaths.Combine("src", "BlogFunctions.SelfHost", "bin", "Release", "net10.0");

    public static string AppName => Path.GetRelativePath(RepoPaths.Combine(), AppDirectory);

    public TimeSpan StartupTime { get; }

    public static async Task<SelfHostProcess> StartAsync(string storage, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppDirectory, "BlogFunctions.SelfHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: bench/run.sh builds it (dotnet build -c Release).");
        }
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["AzureWebJobsStorage"] = storage;
        psi.Environment["Security__SigningKey"] = SigningKey;
        psi.Environment["Moderation__Keys__0"] = ModeratorKey;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // Production without a SendGrid key refuses to start unless the outbox is chosen; the bench sends no email.
        psi.Environment["Email__Outbox"] = "true";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("SelfHost did not start");
        // Its log (warnings and errors only) to bench/out/selfhost-PID.log: why a request answered 503, say.
        var log = new StreamWriter(RepoPaths.Combine("bench", "out", $"selfhost-{process.Id}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (log) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("selfhost: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var startup = await FirstAnswer.WaitAsync(process, address, "api/health", started, TimeSpan.FromSeconds(60), "SelfHost");
        return new SelfHostProcess(process, address, startup);
    }

    public int ProcessId => _process.Id;

    /// <summary>Peak resident set size so far (or since <see cref="ResetPeak"/>), in MB.</summary>
    public double PeakRssMb() => ProcMemory.Mb(_process.Id, "VmHWM");

    /// <summary>Resident set size now, in MB.</summary>
    public double RssMb() => ProcMemory.Mb(_process.Id, "VmRSS");

    public string GcNote() => ProcMemory.Note(_process.Id);

    public void ResetPeak() => ProcMemory.ResetPeak(_process.Id);

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
