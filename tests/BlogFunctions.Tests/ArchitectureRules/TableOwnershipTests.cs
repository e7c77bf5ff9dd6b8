using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// Issue #18, "every table has one owner": the comments aggregate's tables (comments with counts,
/// the moderation index, the lookups) are named only by the comments feature's storage code;
/// moderation and erasure ask <c>CommentStore</c>. Every other table is opened (<c>tables[…]</c>)
/// by one store alone, listed in <see cref="Owners"/>; everything else asks that store. A source
/// scan whose failure names the lines.
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

    /// <summary>Table expression → the one file that may open it.</summary>
    private static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        ["CommentTables.RateLimits"] = "Comments/RateLimiter.cs",
        ["SubscriberEntity.TableName"] = "Newsletter/Subscribers/SubscriberStore.cs",
        ["PostEntity.TableName"] = "Newsletter/Posts/PostStore.cs",
        ["ChunkEntity.TableName"] = "Newsletter/Dispatch/ChunkStore.cs",
        ["DeliveryEntity.TableName"] = "Email/DeliveryLog.cs",
        ["ModerationNoticeEntity.TableName"] = "Moderation/Digest/ModerationNoticeStore.cs",
        ["DigestStateEntity.TableName"] = "Moderation/Digest/DigestStateStore.cs",
        ["UsedLinkEntity.TableName"] = "Moderation/Digest/UsedLinkStore.cs",
        ["NotifyKeys.TableName"] = "Notifications/NotifyStore.cs",
        ["ImportJobEntity.TableName"] = "Imports/ImportStore.cs",
    };

    [GeneratedRegex(@"\btables\[([^\]]+)\]")]
    private static partial Regex TableAccess();

    [Fact]
    public void Every_table_is_opened_by_its_one_owner()
    {
        var offenders = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, line, text) in Sources())
        {
            foreach (Match m in TableAccess().Matches(text))
            {
                var table = m.Groups[1].Value;
                seen.Add(table);
                var allowed = Owners.TryGetValue(table, out var owner) ? file == owner
                    // The comments aggregate's own tables, and the derived rows the projector writes by name.
                    : table.StartsWith("CommentTables.", StringComparison.Ordinal) || table == "g.Key.Table" ? file.StartsWith("Comments/", StringComparison.Ordinal)
                    // A store's own table named by its own constant (SendGrid events, subscribe limits).
                    : table == "TableName" ? true
                    // The health check reads whichever table is registered first.
                    : table.StartsWith("tables.Names", StringComparison.Ordinal) && file == "Http/PlatformApi.cs";
                if (!allowed)
                {
                    offenders.Add($"{file}:{line}: {text}");
                }
            }
        }
        Assert.True(offenders.Count == 0, "Ask the table's store instead of opening it:\n" + string.Join('\n', offenders));
        Assert.Superset(Owners.Keys.ToHashSet(StringComparer.Ordinal), seen); // the map names tables that exist
    }

    private static IEnumerable<(string File, int Line, string Text)> Sources() =>
        Directory.EnumerateFiles(CoreDir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CoreDir, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("obj/", StringComparison.Ordinal) && !r.StartsWith("bin/", StringComparison.Ordinal))
            .SelectMany(r => File.ReadLines(Path.Combine(CoreDir, r)).Select((line, i) => (File: r, Line: i + 1, Text: line.Trim())));
}
