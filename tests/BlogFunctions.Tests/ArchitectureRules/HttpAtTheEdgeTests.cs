using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// Issue #18, "HTTP stays at the edge": stores and domain services return results or throw
/// domain exceptions (BlogFunctions.Core.Domain); only the HTTP layer speaks in status codes,
/// and ApiPipeline maps domain exceptions to problem+json once. A source scan, not IL: it is
/// what a reviewer would grep for, and its failure names the files.
/// </summary>
public sealed partial class HttpAtTheEdgeTests
{
    private static readonly string CoreDir = RepoPaths.Combine("src", "BlogFunctions.Core");

    // The HTTP edge: the pipeline and its helpers, route tables, handlers, input parsing, and the
    // IResult types that write a response themselves.
    private static bool IsEdge(string relative)
    {
        var name = Path.GetFileName(relative);
        return relative.StartsWith("Http/", StringComparison.Ordinal)
            || name.EndsWith("Api.cs", StringComparison.Ordinal)
            || name.Contains("Handler", StringComparison.Ordinal)
            || name.Contains("Input", StringComparison.Ordinal)
            || name.EndsWith("Result.cs", StringComparison.Ordinal);
    }

    // Clients of other HTTP services must read those services' status codes; that is not answering one.
    private static readonly HashSet<string> OutboundClients = new(StringComparer.Ordinal)
    {
        "Email/SendGridEmailSender.cs",
        "Newsletter/Feed/FeedFetcher.cs",
    };

    [GeneratedRegex(@"\bProblemException\b|\bStatusCodes\.|\bHttpStatusCode\b")]
    private static partial Regex HttpVocabulary();

    [Fact]
    public void Below_the_handlers_no_code_throws_ProblemException_or_names_HTTP_status_codes()
    {
        var offenders = Directory.EnumerateFiles(CoreDir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CoreDir, f).Replace('\\', '/'))
            .Where(r => !r.StartsWith("obj/", StringComparison.Ordinal) && !r.StartsWith("bin/", StringComparison.Ordinal))
            .Where(r => !IsEdge(r))
            .SelectMany(r => File.ReadLines(Path.Combine(CoreDir, r))
                .Select((line, i) => (File: r, Line: i + 1, Text: line.Trim()))
                .Where(l => HttpVocabulary().IsMatch(l.Text))
                .Where(l => !OutboundClients.Contains(l.File) || l.Text.Contains("ProblemException", StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(offenders.Count == 0,
            "Stores and domain services throw domain exceptions (BlogFunctions.Core.Domain), never ProblemException "
            + "or HTTP status codes; ApiPipeline maps them. Offending lines:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_scan_sees_the_source()
    {
        // A wrong root would make the rule above pass vacuously.
        Assert.True(File.Exists(Path.Combine(CoreDir, "Comments", "CommentStore.cs")), CoreDir);
    }
}
