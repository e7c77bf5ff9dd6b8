using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// Evaluates infra/main.bicep with sample parameters through <c>bicep snapshot</c>, which expands the
/// modules offline and computes every value that does not depend on a deployed resource. That lets a
/// test check what the template really produces for an input, not how its source is spelled.
/// </summary>
internal static class BicepSnapshot
{
    /// <summary>Fixed scope values; snapshot needs them and the tests never look at resource ids.</summary>
    private static readonly string[] Scope =
    [
        "--subscription-id", "00000000-0000-0000-0000-000000000001",
        "--tenant-id", "00000000-0000-0000-0000-000000000002",
        "--location", "westeurope",
    ];

    /// <summary>Predicted resources of main.bicep for the given <c>param name = value</c> lines.</summary>
    public static async Task<IReadOnlyList<JsonElement>> PredictAsync(string parameterLines, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            // A .bicepparam names its template by relative path; snapshot writes <name>.snapshot.json beside it.
            var template = Path.GetRelativePath(dir.FullName, RepoPaths.Combine("infra", "main.bicep")).Replace('\\', '/');
            var paramFile = Path.Combine(dir.FullName, "sample.bicepparam");
            await File.WriteAllTextAsync(paramFile, $"using '{template}'\n{parameterLines}\n", ct);

            var (exit, stdout, stderr) = await RunAsync(await LocateCliAsync(ct), ["snapshot", paramFile, "--mode", "overwrite", .. Scope], ct);
            var snapshotFile = Path.Combine(dir.FullName, "sample.snapshot.json");
            Assert.True(exit == 0 && File.Exists(snapshotFile), $"bicep snapshot failed ({exit}): {stdout}{stderr}");

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(snapshotFile, ct));
            return [.. doc.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone())];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Same order as infra/check.sh: $BICEP, the pinned NuGet CLI on linux-x64, then bicep on PATH.</summary>
    private static async Task<string> LocateCliAsync(CancellationToken ct)
    {
        var fromEnv = Environment.GetEnvironmentVariable("BICEP");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }
        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            var project = RepoPaths.Combine("tools", "bicep", "Bicep.Tool.csproj");
            var (exit, packageDir, _) = await RunAsync("dotnet",
                ["msbuild", project, "-nologo", "-restore", "-getProperty:PkgAzure_Bicep_CommandLine_linux-x64"], ct);
            var cli = Path.Combine(packageDir.Trim(), "tools", "bicep");
            if (exit == 0 && File.Exists(cli))
            {
                return cli;
            }
        }
        return "bicep";
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }
}
