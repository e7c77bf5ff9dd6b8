using System.Runtime.CompilerServices;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A Remark42 backup: JSON lines, the first one its meta record (version, users, posts), then one
/// comment per line: id, pid (the parent's id, empty for a top-level comment), text (rendered
/// HTML) and orig (what the author typed, Markdown; older backups may lack it), user (name, id,
/// ...; no email), locator (site, url), time (RFC 3339) and delete. Remark42 has no held or spam
/// state: every comment not deleted is approved.
/// </summary>
internal sealed class Remark42Reader(string path) : ISourceReader
{
    public async IAsyncEnumerable<SourceComment> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (line, number) in JsonLines.ReadAsync(path, cancellationToken))
        {
            if (line.TryGetProperty("version", out _) && !line.TryGetProperty("locator", out _))
            {
                continue; // the meta record
            }
            var id = line.Text("id") is { Length: > 0 } value ? value : throw new ImportFormatException($"line {number}: a comment without an id");
            var url = line.Object("locator")?.Text("url") is { Length: > 0 } u ? u
                : throw new ImportFormatException($"line {number}: comment {id} has no locator.url");
            var orig = line.Text("orig");
            var (body, kind) = string.IsNullOrWhiteSpace(orig) ? (line.Text("text") ?? "", BodyKind.Html) : (orig, BodyKind.Markdown);
            var parent = line.Text("pid");
            yield return new SourceComment(id, string.IsNullOrEmpty(parent) ? null : parent, url, XmlElements.Date(line.Text("time")),
                line.Object("user")?.Text("name") ?? "", null, null, body, kind,
                line.Flag("delete") ? SourceState.Deleted : SourceState.Approved);
        }
    }
}
