using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Bench;

/// <summary>
/// Bare Kestrel as its own process (this bench program with <c>--bare-server</c>), with the
/// SelfHost's GC mode (server GC, as Microsoft.NET.Sdk.Web sets it): the load generator then
/// shares the cores with the baseline exactly as it does with the SelfHost. In the bench process,
/// the baseline was spared the cross-process scheduling the SelfHost pays.
/// </summary>
internal sealed class BareProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _bodyFile;

    private BareProcess(Process process, string bodyFile, Uri address)
    {
        _process = process;
        _bodyFile = bodyFile;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareProcess> StartAsync(byte[] body)
    {
        var bodyFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(bodyFile, body);
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(BareProcess).Assembly.Location);
        psi.ArgumentList.Add("--bare-server");
        psi.ArgumentList.Add(bodyFile);
        psi.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.Environment["DOTNET_gcServer"] = "1";
        psi.Environment["DOTNET_gcConcurrent"] = "1";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("bare server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("bare: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri("bare", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return new BareProcess(process, bodyFile, address);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (process.HasExited || started.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("bare server did not answer within 30 s");
            }
            await Task.Delay(20);
        }
    }

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
