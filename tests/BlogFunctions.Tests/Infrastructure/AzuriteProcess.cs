using System.Diagnostics;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// A real Azurite (table, queue and blob services, each on a free loopback port). In memory by default; with a data folder
/// it keeps its data across <see cref="Kill"/> and <see cref="StartAsync"/>, which the fault
/// tests use to simulate a storage outage.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string? _location;
    private readonly bool _portChosen;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private Process? _process;

    public AzuriteProcess(string? location = null, int? port = null)
    {
        _location = location;
        _portChosen = port is not null;
        Port = port ?? FreePort.Next();
        QueuePort = FreePort.Next();
        BlobPort = FreePort.Next();
    }

    /// <summary>The table service's port.</summary>
    public int Port { get; private set; }

    public int QueuePort { get; private set; }

    public int BlobPort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The emulator's process id while it runs (the bench reads its CPU time).</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>
    /// Starts Azurite and waits until its table and queue services listen. A port handed out free
    /// can be taken by another process before Azurite binds it (dozens of test processes pick ports
    /// at once); Azurite then exits at once, and it is started again on new ports, twice at most.
    /// </summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            StartProcess();
            if (await ListeningAsync())
            {
                return;
            }
            var why = string.Join('\n', _errors);
            Kill();
            if (attempt == 3 || _portChosen)
            {
                throw new InvalidOperationException($"Azurite did not start on ports {Port}/{QueuePort}/{BlobPort}:\n{why}");
            }
            (Port, QueuePort, BlobPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        }
    }

    private void StartProcess()
    {
        var exe = RepoPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException($"{exe} is missing: run 'npm ci' (./test.sh does).");
        }
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var ports = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var arg in new[]
        {
            "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(ports),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(ports),
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(ports),
            // The Storage SDKs speak a newer service version than the pinned Azurite knows; the calls we make are old.
            "--skipApiVersionCheck",
            "--silent", "--disableTelemetry",
        })
        {
            psi.ArgumentList.Add(arg);
        }
        // Set to a folder to get Azurite's request log, one file per start (how a storm of requests shows itself).
        if (Environment.GetEnvironmentVariable("BLOGFN_AZURITE_DEBUG") is { Length: > 0 } dbg)
        {
            psi.ArgumentList.Add("--debug");
            psi.ArgumentList.Add(Path.Combine(dbg, $"az-{Port}-{DateTime.UtcNow.Ticks}.log"));
        }
        if (_location is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_location);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(_location);
        }
        _errors.Clear();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Azurite did not start");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Both services listen (true), or Azurite exited first (false).</summary>
    private async Task<bool> ListeningAsync()
    {
        // Generous: node needs seconds to load Azurite when the machine is busy (parallel test classes);
        // the queue service as long: after a restart over a data folder both load their files first.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        foreach (var port in new[] { Port, QueuePort })
        {
            while (!await FreePort.IsListeningAsync(port))
            {
                if (_process is not { HasExited: false })
                {
                    return false;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Azurite did not listen on {port} within 90 s:\n{string.Join('\n', _errors)}");
                }
                await Task.Delay(100);
            }
        }
        return true;
    }

    /// <summary>Kills Azurite abruptly (the whole process tree: npm's shim starts node).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Stops Azurite with SIGINT: clients see connections refused at once, like a SIGKILL, but
    /// Azurite first flushes its store. Its file store only saves every 5 s, so a SIGKILL loses
    /// writes Azurite had already acknowledged — a flaw of the emulator, not of the service
    /// under test (Azure Storage acknowledges durably), which the fault tests must not measure.
    /// </summary>
    public void Interrupt()
    {
        if (_process is { HasExited: false } process)
        {
            if (SendSignal(process.Id, 2) == 0 && process.WaitForExit(15_000))
            {
                process.Dispose();
                _process = null;
                return;
            }
        }
        Kill();
    }

    /// <summary>
    /// Freezes Azurite (SIGSTOP): the kernel still accepts connections, but nothing answers, as when
    /// a storage service hangs rather than refuses. <see cref="Resume"/> lets it go on (SIGCONT).
    /// </summary>
    public void Pause() => Signal(19);

    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (_process is not { HasExited: false } process || SendSignal(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Azurite is not running (signal {signal}).");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
