using System.Diagnostics;
using System.Text;
using BlogFunctions.Tests.Infrastructure;
using static System.Globalization.CultureInfo;

namespace BlogFunctions.Tests.FirstHour;

/// <summary>
/// `./run.sh` started as a user starts it, on free ports and with its own Azurite data and outbox
/// folders; disposing sends TERM, which run.sh passes on to Azurite and the SelfHost.
/// </summary>
public sealed class RunScript : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("run-sh-");

    private RunScript(Dictionary<string, string> environment) => Process = Launch(environment);

    public Process Process { get; }

    public int ApiPort { get; } = FreePort.Next();

    public int DemoPort { get; } = FreePort.Next();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts run.sh and waits for its banner (the API healthy, the demo blog up).</summary>
    public static async Task<RunScript> StartAsync(CancellationToken cancellationToken, Dictionary<string, string>? environment = null)
    {
        var run = new RunScript(environment ?? []);
        await run.WaitForBannerAsync(cancellationToken);
        return run;
    }

    public static string S(int port) => port.ToString(InvariantCulture);

    /// <summary>Runs run.sh to its end with the given variables; for the checks that stop it early.</summary>
    public static Process StartRaw(Dictionary<string, string> environment) => Spawn(environment, null);

    private async Task WaitForBannerAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!Output.Contains("BlogFunctions is running", StringComparison.Ordinal))
        {
            Assert.False(Process.HasExited, "run.sh ended early:\n" + Output);
            Assert.True(DateTime.UtcNow < deadline, "no banner within 3 minutes:\n" + Output);
            await Task.Delay(250, cancellationToken);
        }
    }

    private Process Launch(Dictionary<string, string> environment)
    {
        environment.TryAdd("PORT", S(ApiPort));
        environment.TryAdd("DEMO_PORT", S(DemoPort));
        environment.TryAdd("AZURITE_PORT", S(FreePort.Next()));
        environment.TryAdd("AZURITE_QUEUE_PORT", S(FreePort.Next()));
        environment.TryAdd("AZURITE_DIR", Path.Combine(_data.FullName, "azurite"));
        environment.TryAdd("Email__OutboxPath", Path.Combine(_data.FullName, "outbox"));
        return Spawn(environment, _output);
    }

    private static Process Spawn(Dictionary<string, string> environment, StringBuilder? output)
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Combine("run.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        if (output is not null)
        {
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", S(Process.Id)])!;
            await kill.WaitForExitAsync();
            await Process.WaitForExitAsync();
        }
        Process.Dispose();
        _data.Delete(recursive: true);
    }
}
