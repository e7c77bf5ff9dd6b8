using System.Net;
using System.Net.Sockets;
using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.FirstHour.RunScript;

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
    [InlineData("AZURITE_QUEUE_PORT", "Azurite queue service")]
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

        // The other ports free, so only the one under test can be the reason.
        using var run = StartRaw(new()
        {
            ["PORT"] = S(FreePort.Next()), ["DEMO_PORT"] = S(FreePort.Next()),
            ["AZURITE_PORT"] = S(FreePort.Next()), ["AZURITE_QUEUE_PORT"] = S(FreePort.Next()),
            [variable] = S(port),
        });
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
        await using var run = await RunScript.StartAsync(Ct);
        using var http = new HttpClient();
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync(new Uri($"http://localhost:{run.ApiPort}/api/health"), Ct));
        var page = await http.GetStringAsync(new Uri($"http://localhost:{run.DemoPort}/"), Ct);
        Assert.Contains($"http://localhost:{run.ApiPort}", page, StringComparison.Ordinal);
        Assert.Contains($"Demo blog      http://localhost:{run.DemoPort}/", run.Output, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:{run.ApiPort}/dev/outbox", run.Output, StringComparison.Ordinal);
        using var favicon = await http.GetAsync(new Uri($"http://localhost:{run.DemoPort}/favicon.ico"), Ct);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
    }
}
