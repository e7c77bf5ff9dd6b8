using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BlogFunctions.Tests.Infrastructure;
using static System.Globalization.CultureInfo;

namespace BlogFunctions.Tests.FirstHour;

/// <summary>
/// `./run.sh` as a new user runs it: on ports of their choosing, and with a clear one-line answer
/// when a port is taken (not a .NET stack trace after a build).
/// </summary>
public sealed class RunScriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("PORT", "API")]
    [InlineData("DEMO_PORT", "demo blog")]
    [InlineData("AZURITE_PORT", "Azurite table service")]
    public async Task A_busy_port_is_reported_in_one_line(string variable, string what)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        // Something that is not Azurite answers on the port: accept and close every connection.
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var c = await holder.AcceptTcpClientAsync(Ct);
            }
        }, Ct);

        // The other two ports free, so only the one under test can be the reason.
        var ports = new Dictionary<string, string> { ["PORT"] = S(FreePort.Next()), ["DEMO_PORT"] = S(FreePort.Next()), [variable] = S(port) };
        using var run = RunScript(ports);
        var stderr = await run.StandardError.ReadToEndAsync(Ct);
        await run.WaitForExitAsync(Ct);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port} ({what}) is already in use", line, StringComparison.Ordinal);
        Assert.Contains($"{variable}={port + 1} ./run.sh", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chosen_ports_serve_the_api_the_demo_blog_and_the_banner()
    {
        var (api, demo, azurite) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var data = Directory.CreateTempSubdirectory("run-azurite-");
        using var run = RunScript(new()
        {
            ["PORT"] = S(api),
            ["DEMO_PORT"] = S(demo),
            ["AZURITE_PORT"] = S(azurite),
            ["AZURITE_DIR"] = data.FullName,
        });
        var output = new System.Text.StringBuilder();
        run.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        run.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Banner(output).Contains("BlogFunctions is running", StringComparison.Ordinal))
            {
                Assert.False(run.HasExited, "run.sh ended early:\n" + Banner(output));
                Assert.True(DateTime.UtcNow < deadline, "no banner within 3 minutes:\n" + Banner(output));
                await Task.Delay(250, Ct);
            }
            Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync(new Uri($"http://localhost:{api}/api/health"), Ct));
            var page = await http.GetStringAsync(new Uri($"http://localhost:{demo}/"), Ct);
            Assert.Contains($"http://localhost:{api}", page, StringComparison.Ordinal);
            Assert.Contains($"Demo blog      http://localhost:{demo}/", Banner(output), StringComparison.Ordinal);
            Assert.Contains($"http://localhost:{api}/dev/outbox", Banner(output), StringComparison.Ordinal);
        }
        finally
        {
            // run.sh stops Azurite and the SelfHost on TERM.
            Process.Start("kill", ["-TERM", S(run.Id)])!.WaitForExit();
            await run.WaitForExitAsync(Ct);
            data.Delete(recursive: true);
        }
    }

    private static string S(int port) => port.ToString(InvariantCulture);

    private static string Banner(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static Process RunScript(Dictionary<string, string> environment)
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
        return Process.Start(start)!;
    }
}
