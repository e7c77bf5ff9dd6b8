using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// Our own export (<see cref="ExportLine"/> per line): every field is taken as it was, the
/// comment and post ids included, so export → import → export gives the same lines.
/// </summary>
internal sealed class NativeReader(string path) : ISourceReader
{
    public async IAsyncEnumerable<SourceComment> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (json, number) in JsonLines.ReadAsync(path, cancellationToken))
        {
            ExportLine line;
            try
            {
                line = json.Deserialize(ImportJson.Default.ExportLine) ?? throw new ImportFormatException($"line {number}: empty");
            }
            catch (JsonException e)
            {
                throw new ImportFormatException($"line {number}: not an export line ({e.Message})", e);
            }
            if (!Comments.CommentIds.IsValid(line.Id) || !Comments.CommentIds.IsValidPostId(line.PostId))
            {
                throw new ImportFormatException($"line {number}: postId or id is not one of ours");
            }
            var state = line.Status switch
            {
                "approved" => SourceState.Approved,
                "spam" => SourceState.Spam,
                "rejected" => SourceState.Rejected,
                "deleted" => SourceState.Deleted,
                _ => SourceState.Pending,
            };
            yield return new SourceComment(line.Id, line.ParentId, line.PostId, line.CreatedAt, line.Author, line.Email, line.Website,
                line.BodyMarkdown, BodyKind.Markdown, state)
            {
                Native = new NativeFields(line.PostId, line.Id, line.ParentId, line.Status, line.ModeratedAt,
                    string.Join('\n', line.Reasons), line.ImportedFrom),
            };
        }
    }
}
