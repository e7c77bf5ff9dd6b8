using System.Diagnostics;
using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.FirstHour;

/// <summary>
/// The README's copy-paste recipes, run as written against `./run.sh`: the first-ten-minutes walk
/// (comment, digest, approve, subscribe, confirm, publish, send, read) and the moderation curl
/// recipe with its ETag guard. Only the ports are swapped for the free ones run.sh was given.
/// </summary>
public sealed partial class ReadmeRecipeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_ten_minutes_and_the_moderation_recipe_work_as_written()
    {
        var guide = BashBlocks(Section("## First ten minutes"));
        var moderation = Assert.Single(BashBlocks(Section("### Moderate with curl")));
        Assert.Equal(8, guide.Count);
        // The digest 3 s after the held comment instead of a minute: the same commands, less waiting in CI.
        await using var run = await RunScript.StartAsync(Ct, new() { ["Moderation__DigestDelaySeconds"] = "3" });

        var walk = await BashAsync(run, string.Join("\n", guide));
        Assert.True(walk.Code == 0, $"the guide failed ({walk.Code}):\n{walk.Output}\n--- run.sh:\n{run.Output}");
        var lines = walk.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pending", lines[0]);
        // The demo's emails carry the demo blog's name, not the product's.
        Assert.Equal("1 comment waiting on Moving Well (demo blog)", lines[1]);
        Assert.Contains("approved", lines);
        Assert.Contains($"{{\"tight-glutes-back-pain\":1}}", lines);
        Assert.Contains("accepted", lines);
        Assert.Contains("You are subscribed", lines);
        Assert.Contains("first-ten-minutes", lines);
        Assert.Equal("Written in the first ten minutes", lines[^2]);

        // The moderation recipe needs a held comment: the guide's comment block makes one, from a
        // newcomer (Ada is known by now) with words of their own.
        var newcomer = guide[1].Replace("Ada", "Bo", StringComparison.Ordinal).Replace("ada@", "bo@", StringComparison.Ordinal)
            .Replace("My first comment", "Another first comment", StringComparison.Ordinal); // the same body twice is filed as spam
        var recipe = await BashAsync(run, string.Join("\n", guide[0], newcomer, moderation));
        Assert.True(recipe.Code == 0, $"the moderation recipe failed ({recipe.Code}):\n{recipe.Output}");
        Assert.EndsWith("200\n412\n204", recipe.Output.TrimEnd().Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> BashAsync(RunScript run, string script)
    {
        script = "set -euo pipefail\n" + script
            .Replace("localhost:7071", $"localhost:{run.ApiPort}", StringComparison.Ordinal)
            .Replace("localhost:8080", $"localhost:{run.DemoPort}", StringComparison.Ordinal);
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var stdout = bash.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = bash.StandardError.ReadToEndAsync(timeout.Token);
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, await stdout + await stderr);
    }

    /// <summary>From the heading to the next heading of the same or a higher level (code blocks' "# comments" are not headings).</summary>
    private static string Section(string heading)
    {
        var lines = File.ReadAllLines(RepoPaths.Combine("README.md"));
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, heading + " is not in the README");
        var level = heading.IndexOf(' ', StringComparison.Ordinal);
        var (end, inCode) = (start + 1, false);
        for (; end < lines.Length; end++)
        {
            inCode ^= lines[end].StartsWith("```", StringComparison.Ordinal);
            var hashes = lines[end].Length - lines[end].TrimStart('#').Length;
            if (!inCode && hashes is > 0 && hashes <= level && lines[end].Length > hashes && lines[end][hashes] == ' ')
            {
                break;
            }
        }
        return string.Join("\n", lines[start..end]) + "\n";
    }

    private static List<string> BashBlocks(string markdown) => [.. Block().Matches(markdown).Select(m => m.Groups["code"].Value)];

    [GeneratedRegex(@"```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
