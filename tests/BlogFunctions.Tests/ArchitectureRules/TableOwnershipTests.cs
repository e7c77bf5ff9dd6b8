using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// Issue #18, "every table has one owner", for the comments aggregate: its four tables (comments
/// with counts, the moderation index, the lookups, the rate limits) are named only by code of the
/// comments feature; moderation and erasure ask <c>CommentStore</c>. Newsletter chunk rows are
/// read and written by <c>ChunkStore</c> alone (the planner asks it). A source scan whose failure
/// names the lines.
/// </summary>
public sealed partial class TableOwnershipTests
{
    private static readonly string CoreDir = RepoPaths.Combine("src", "BlogFunctions.Core");

    [GeneratedRegex(@"\bCommentTables\.(Comments|Index|Lookups|RateLimits)\b")]
    private static partial Regex CommentTable();

    [Fact]
    public void Only_the_comments_feature_names_the_comments_tables()
    {
        var offenders = Directory.EnumerateFiles(CoreDir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CoreDir, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("obj/", StringComparison.Ordinal) && !r.StartsWith("bin/", StringComparison.Ordinal))
            .Where(r => !r.StartsWith("Comments/", StringComparison.Ordinal))
            .SelectMany(r => File.ReadLines(Path.Combine(CoreDir, r)).Select((line, i) => (File: r, Line: i + 1, Text: line.Trim())))
            .Where(l => CommentTable().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Ask CommentStore instead of touching the comments tables:\n" + string.Join('\n', offenders));
        Assert.True(File.Exists(Path.Combine(CoreDir, "Comments", "CommentTables.cs")), "the scan must see the source");
    }

    [Fact]
    public void Only_the_chunk_store_reads_or_writes_newsletter_chunks()
    {
        // Registering the table (creating it at start-up) is not touching its rows.
        var offenders = Sources()
            .Where(l => l.Text.Contains("tables[ChunkEntity.TableName]", StringComparison.Ordinal)
                && l.File != "Newsletter/Dispatch/ChunkStore.cs")
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "Ask ChunkStore instead of touching chunk rows:\n" + string.Join('\n', offenders));
        Assert.Contains(Sources(), l => l.File == "Newsletter/Dispatch/ChunkStore.cs" && l.Text.Contains("tables[ChunkEntity.TableName]", StringComparison.Ordinal));
    }

    private static IEnumerable<(string File, int Line, string Text)> Sources() =>
        Directory.EnumerateFiles(CoreDir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CoreDir, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("obj/", StringComparison.Ordinal) && !r.StartsWith("bin/", StringComparison.Ordinal))
            .SelectMany(r => File.ReadLines(Path.Combine(CoreDir, r)).Select((line, i) => (File: r, Line: i + 1, Text: line.Trim())));
}
