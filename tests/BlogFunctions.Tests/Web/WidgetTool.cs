using System.ComponentModel;
using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Web;

/// <summary>
/// Runs a Node-side tool of the widget (scripts/build-widget.sh, node --test) to its end and
/// hands back its exit code and output. Node comes with scripts/setup.sh, as for ./test.sh.
/// </summary>
internal static class WidgetTool
{
    public static string WidgetSources { get; } = RepoPaths.Combine("src", "BlogFunctions.Core", "Web", "Widget");

    public static string Assets { get; } = RepoPaths.Combine("src", "BlogFunctions.Core", "Web", "Assets");

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} is missing: source scripts/setup.sh (it installs Node).", e);
        }
        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
