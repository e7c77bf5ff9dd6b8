using System.Text.Json;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Moderation;

/// <summary>A comment as a moderator sees it: with email, screening reasons and the ETag for If-Match.</summary>
internal sealed record ModeratedComment(
    string PostId,
    string Id,
    string? ParentId,
    string Author,
    string? Email,
    string? Website,
    string Avatar,
    string BodyMarkdown,
    string BodyHtml,
    string Status,
    IReadOnlyList<string> Reasons,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static ModeratedComment From(CommentEntity e) => new(e.PostId, e.Id, e.ParentId, e.Author, e.Email, e.Website,
        e.Avatar, e.BodyMarkdown, e.BodyHtml, e.Status, e.ReasonList, e.CreatedAt, e.ModeratedAt, e.ETag.ToString());
}

internal sealed record ModerationPage(string Status, IReadOnlyList<ModeratedComment> Comments, string? Next);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ModeratedComment))]
[JsonSerializable(typeof(ModerationPage))]
[JsonSerializable(typeof(ReconcileResult))]
internal sealed partial class ModerationJsonContext : JsonSerializerContext;
