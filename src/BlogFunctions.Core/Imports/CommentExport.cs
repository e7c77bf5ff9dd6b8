using System.Text.Json;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// GET /api/moderation/export: every comment (placeholders of deleted ones included) as JSON lines
/// of <see cref="ExportLine"/>, written while the table is read, so memory stays the same for any
/// number of comments. The order is the table's: post by post, oldest first within a post.
/// </summary>
internal sealed class CommentExport(CommentStore store)
{
    public const string MediaType = "application/x-ndjson";

    public IResult Result() => new ExportResult(this);

    public async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        var newline = "\n"u8.ToArray();
        var written = 0;
        await foreach (var comment in store.AllCommentsAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(output, Line(comment), ImportJson.Default.ExportLine, cancellationToken);
            await output.WriteAsync(newline, cancellationToken);
            if (++written % 500 == 0)
            {
                await output.FlushAsync(cancellationToken);
            }
        }
    }

    public static ExportLine Line(CommentEntity c) => new(c.PostId, c.Id, c.ParentId, c.Author, c.Email, c.Website, c.BodyMarkdown,
        c.Status, c.CreatedAt, c.ModeratedAt, c.ReasonList, c.ImportedFrom);

    private sealed class ExportResult(CommentExport export) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = MediaType;
            httpContext.Response.Headers.ContentDisposition = "attachment; filename=\"comments.jsonl\"";
            httpContext.Response.Headers.CacheControl = "no-store";
            await export.WriteAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
