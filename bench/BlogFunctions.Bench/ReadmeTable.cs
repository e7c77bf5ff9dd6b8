namespace BlogFunctions.Bench;

/// <summary>
/// Keeps bench/README.md's table the latest full run, and each `--only GROUP` block the latest run
/// of that group alone (quick runs only print).
/// </summary>
internal static class ReadmeTable
{
    public static void Write(string table, bool quick, string? only)
    {
        var name = only is null ? "table" : "only:" + only;
        var start = $"<!-- bench:{name}:start -->";
        var end = $"<!-- bench:{name}:end -->";
        var path = Tests.Infrastructure.RepoPaths.Combine("bench", "README.md");
        Directory.CreateDirectory(Tests.Infrastructure.RepoPaths.Combine("bench", "results"));
        File.WriteAllText(Tests.Infrastructure.RepoPaths.Combine("bench", "results", quick ? "quick.md" : only is null ? "latest.md" : $"only-{only}.md"), table);
        if (quick || !File.Exists(path))
        {
            return;
        }
        var text = File.ReadAllText(path);
        var a = text.IndexOf(start, StringComparison.Ordinal);
        var b = text.IndexOf(end, StringComparison.Ordinal);
        if (a < 0 || b < a)
        {
            return;
        }
        File.WriteAllText(path, text[..(a + start.Length)] + "\n" + table + text[b..]);
    }
}
