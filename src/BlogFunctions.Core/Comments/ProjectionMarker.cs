using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Row <c>~proj|{commentId}</c> in the post's partition, written in the same transaction as a new
/// comment: "the derived rows of this comment (moderation index, email lookup, known author) are
/// not written yet, and <see cref="Delta"/> is still to be added to the post's count". It carries
/// what the projector needs, so projecting a comment costs no read of it.
/// </summary>
public sealed record ProjectionMarker(string PostId, string CommentId, string Status, DateTimeOffset CreatedAt,
    string? EmailHash, string? AuthorHash, int Delta)
{
    public static ProjectionMarker ForNew(CommentEntity comment) =>
        new(comment.PostId, comment.Id, comment.Status, comment.CreatedAt, comment.EmailHash, comment.AuthorHash,
            comment.Status == CommentStatus.Approved ? 1 : 0);

    /// <summary>What a repair of an existing comment writes: the same rows, no count change, no marker to drop.</summary>
    public static ProjectionMarker ForExisting(CommentEntity comment) =>
        ForNew(comment) with { Delta = 0 };

    public TableEntity ToEntity() => new(PostId, CommentTables.ProjectionRowKey(CommentId))
    {
        ["Status"] = Status,
        ["CreatedAt"] = CreatedAt,
        ["EmailHash"] = EmailHash,
        ["AuthorHash"] = AuthorHash,
        ["Delta"] = Delta,
    };

    public static ProjectionMarker? FromEntity(TableEntity row)
    {
        var id = row.RowKey.StartsWith(CommentTables.ProjectionPrefix, StringComparison.Ordinal)
            ? row.RowKey[CommentTables.ProjectionPrefix.Length..]
            : null;
        return CommentIds.IsValid(id) && row.GetString("Status") is { } status && row.GetDateTimeOffset("CreatedAt") is { } at
            ? new(row.PartitionKey, id!, status, at, row.GetString("EmailHash"), row.GetString("AuthorHash"), row.GetInt32("Delta") ?? 0)
            : null;
    }
}
