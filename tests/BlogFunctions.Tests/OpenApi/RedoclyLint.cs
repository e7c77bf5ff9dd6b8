using System.Diagnostics;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>One problem <c>redocly lint</c> reported: its rule, severity, message and where.</summary>
public sealed record LintProblem(string RuleId, string Severity, string Message, string Location)
{
    public override string ToString() => $"{Severity} {RuleId}: {Message} at {Location}";
}

/// <summary>
/// Runs the pinned @redocly/cli (package.json) over a document with the repository's redocly.yaml,
/// and reads its JSON report. No telemetry or update check: the tests run without a network.
/// </summary>
public static class RedoclyLint
{
    public static string Executable => RepoPaths.Combine("node_modules", "@redocly", "cli", "bin", "cli.js");

    public static async Task<IReadOnlyList<LintProblem>> RunAsync(string documentJson, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var file = Path.Combine(dir.FullName, "openapi.json");
            await File.WriteAllTextAsync(file, documentJson, cancellationToken);
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { Executable, "lint", file, "--config", RepoPaths.Combine("redocly.yaml"), "--format", "json" },
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var report = await stdout;
            var start0 = report.IndexOf('{', StringComparison.Ordinal);
            Assert.True(start0 >= 0, $"redocly printed no JSON report (exit {process.ExitCode}):\n{report}\n{await stderr}");
            return Parse(report[start0..]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<LintProblem> Parse(string report)
    {
        using var doc = JsonDocument.Parse(report);
        var problems = new List<LintProblem>();
        foreach (var p in doc.RootElement.GetProperty("problems").EnumerateArray())
        {
            var pointer = p.TryGetProperty("location", out var locations) && locations.GetArrayLength() > 0
                && locations[0].TryGetProperty("pointer", out var ptr) ? ptr.GetString() ?? "" : "";
            problems.Add(new LintProblem(p.GetProperty("ruleId").GetString() ?? "", p.GetProperty("severity").GetString() ?? "",
                p.GetProperty("message").GetString() ?? "", pointer));
        }
        return problems;
    }
}
