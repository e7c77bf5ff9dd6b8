namespace BlogFunctions.Bench;

/// <summary>Keeps bench/README.md's table the latest full run (quick runs only print).</summary>
internal static class ReadmeTable
{
    private const string Start = "<!-- bench:table:start -->";
    private const string End = "<!-- bench:table:end -->";

    public static void Write(string table, bool quick)
    {
        var path = Tests.Infrastructure.RepoPaths.Combine("bench", "README.md");
        Directory.CreateDirectory(Tests.Infrastructure.RepoPaths.Combine("bench", "results"));
        File.WriteAllText(Tests.Infrastructure.RepoPaths.Combine("bench", "results", quick ? "quick.md" : "latest.md"), table);
        if (quick || !File.Exists(path))
        {
            return;
        }
        var text = File.ReadAllText(path);
        var a = text.IndexOf(Start, StringComparison.Ordinal);
        var b = text.IndexOf(End, StringComparison.Ordinal);
        if (a < 0 || b < a)
        {
            return;
        }
        File.WriteAllText(path, text[..(a + Start.Length)] + "\n" + table + text[b..]);
    }
}
