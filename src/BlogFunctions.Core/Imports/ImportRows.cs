using System.Net;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A planned <see cref="ImportItem"/> as the comment row a POST would have written: the body
/// rendered by the same <see cref="MarkdownRenderer"/>, the address kept private beside its keyed
/// hash, the avatar seed and author hash made the same way.
/// </summary>
internal sealed class ImportRows(MarkdownRenderer markdown, Signer signer)
{
    public ImportedRow From(ImportItem item, string sourceKey)
    {
        var placeholder = item.Status == CommentStatus.Deleted;
        var lowerName = item.Author.ToLowerInvariant();
        var comment = new CommentEntity
        {
            PartitionKey = item.PostId,
            RowKey = item.CommentId,
            ParentId = item.ParentId,
            Author = item.Author,
            AuthorHash = placeholder ? null : signer.Hash("author", lowerName),
            Email = item.Email,
            EmailHash = item.Email is null ? null : signer.EmailHash(item.Email),
            Website = item.Website,
            Avatar = placeholder ? "" : signer.Hash("avatar", item.Email ?? lowerName),
            BodyMarkdown = item.BodyMarkdown,
            BodyHtml = placeholder ? "" : Render(item.BodyMarkdown),
            Status = item.Status,
            Reasons = item.Reasons,
            CreatedAt = item.CreatedAt,
            ModeratedAt = item.ModeratedAt,
            ImportedFrom = item.ImportedFrom,
        };
        return new ImportedRow(comment, sourceKey);
    }

    /// <summary>A body nested deeper than a new comment may be is shown as its text, encoded: still our own HTML.</summary>
    private string Render(string body) =>
        markdown.Render(body) ?? "<p>" + WebUtility.HtmlEncode(body).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";
}
