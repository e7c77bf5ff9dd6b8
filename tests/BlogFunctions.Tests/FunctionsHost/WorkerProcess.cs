using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The built Functions app started the way the Functions host starts a dotnet-isolated worker:
/// <c>dotnet BlogFunctions.dll</c> (worker.config.json's defaultExecutablePath and
/// defaultWorkerPath; neither app here uses {WorkerRoot} or extra arguments) in the app folder, told where the host's gRPC endpoint is through the
/// <c>Functions__Worker__*</c> variables, with the app settings as environment variables.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    /// <summary>The worker's stdout and stderr, kept for the failure message of a test.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>The built app: src/BlogFunctions/bin/&lt;configuration&gt;/net10.0.</summary>
    public static string AppDirectory { get; } = FindAppDirectory();

    /// <param name="appDirectory">Another worker app than ours (the bench's bare worker); <see cref="AppDirectory"/> when null.</param>
    public static WorkerProcess Start(Uri hostEndpoint, IReadOnlyDictionary<string, string?> settings, string? appDirectory = null)
    {
        var app = appDirectory ?? AppDirectory;
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(app, "worker.config.json")))?["description"];
        var psi = new ProcessStartInfo((string?)description?["defaultExecutablePath"] ?? "dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(app, (string?)description?["defaultWorkerPath"]
            ?? throw new InvalidOperationException($"{app}/worker.config.json names no defaultWorkerPath")));
        var env = psi.Environment;
        env["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        env["FUNCTIONS_APPLICATION_DIRECTORY"] = app;
        env["Functions__Worker__HostEndpoint"] = hostEndpoint.ToString();
        env["Functions__Worker__WorkerId"] = Guid.NewGuid().ToString();
        env["Functions__Worker__RequestId"] = Guid.NewGuid().ToString();
        env["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["AZURE_FUNCTIONS_ENVIRONMENT"] = "Testing";
        env["DOTNET_ENVIRONMENT"] = "Testing";
        env["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings)
        {
            // App settings reach a worker as environment variables, ':' spelled '__'.
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                env.Remove(name);
            }
            else
            {
                env[name] = value;
            }
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Completes when the process has exited and its output is read to the end; never kills it.</summary>
    public async Task ExitedAsync(CancellationToken cancellationToken) =>
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        Output.Enqueue(line);
        while (Output.Count > 400 && Output.TryDequeue(out _))
        {
        }
    }

    private static string FindAppDirectory()
    {
        // The bench points this at a published (ReadyToRun) app, which is what Azure runs.
        if (Environment.GetEnvironmentVariable("BLOGFN_FUNCTIONS_APP_DIR") is { Length: > 0 } published)
        {
            return published;
        }
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dir = RepoPaths.Combine("src", "BlogFunctions", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(dir, "BlogFunctions.dll")) || !File.Exists(Path.Combine(dir, "worker.config.json")))
        {
            throw new InvalidOperationException($"The Functions app is not built in {dir}: run 'dotnet build BlogFunctions.sln' (./test.sh does).");
        }
        return dir;
    }
}
