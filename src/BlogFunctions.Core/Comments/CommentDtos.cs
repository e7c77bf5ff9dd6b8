using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// What a page posts. <see cref="Homepage"/> is the honeypot: the widget hides that field from
/// people (and from keyboard and screen readers), so anything in it came from a bot.
/// <see cref="AuthorToken"/> is what an earlier POST answered (see <see cref="AuthorTokens"/>).
/// <see cref="Notify"/> is <see cref="CommentNotify"/>: none (default), replies or post; not none needs an email.
/// </summary>
internal sealed record CommentRequest(
    string? Author,
    string? Email,
    string? Website,
    string? Body,
    string? ParentId,
    string? FormToken,
    string? Homepage,
    string? AuthorToken = null,
    string? Notify = null);

/// <summary>
/// A comment as anyone may see it: no email, no IP hash. A deleted comment that holds replies
/// comes as a placeholder: <c>deleted: true</c>, empty author, avatar and body (the field is left
/// out for every other comment). <see cref="AuthorToken"/> is set only in the POST answer to the
/// comment's own author, never in a page.
/// </summary>
internal sealed record PublicComment(
    string Id,
    string? ParentId,
    string Author,
    string? Website,
    string Avatar,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Deleted = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AuthorToken = null)
{
    public static PublicComment From(CommentEntity e) => e.Status == CommentStatus.Deleted
        ? new(e.Id, e.ParentId, "", null, "", "", e.CreatedAt, Deleted: true)
        : new(e.Id, e.ParentId, e.Author, e.Website, e.Avatar, e.BodyHtml, e.CreatedAt);
}

/// <summary>The cacheable part of a page; its bytes give the ETag.</summary>
internal sealed record CommentPageBody(string PostId, IReadOnlyList<PublicComment> Comments, int Count, string? Next);

internal sealed record CommentPage(
    string PostId,
    IReadOnlyList<PublicComment> Comments,
    int Count,
    string? Next,
    string FormToken);

/// <summary>The 202 of a held (or spam) comment; the same shape either way, authorToken included.</summary>
internal sealed record HeldResponse(
    string Id,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AuthorToken = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(PublicComment))]
[JsonSerializable(typeof(CommentPageBody))]
[JsonSerializable(typeof(CommentPage))]
[JsonSerializable(typeof(HeldResponse))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CommentJsonContext : JsonSerializerContext;
