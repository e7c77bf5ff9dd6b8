using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// A comment whose row still says <see cref="CommentEntity.Projected"/> = false: "the derived rows
/// of this comment (moderation index, email lookup) are not written yet, and
/// <see cref="Delta"/> is still to be added to the post's count". It carries what the projector
/// needs, so projecting a comment costs no read of it, and the comment's <see cref="ETag"/>, which
/// guards the write that sets Projected = true (see <see cref="CommentProjector"/>).
/// </summary>
internal sealed record ProjectionMarker(string PostId, string CommentId, string Status, DateTimeOffset CreatedAt,
    string? EmailHash, int Delta, ETag ETag)
{
    /// <summary>An imported comment: its projection queues no reader notification (see <see cref="CommentEntity.ImportId"/>).</summary>
    public bool Quiet { get; init; }

    /// <summary>The columns <see cref="FromEntity"/> reads.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["PartitionKey", "RowKey", "Status", "CreatedAt", "EmailHash", nameof(CommentEntity.ProjectionDelta), nameof(CommentEntity.ImportId)];

    public static ProjectionMarker ForNew(CommentEntity comment) =>
        new(comment.PostId, comment.Id, comment.Status, comment.CreatedAt, comment.EmailHash,
            comment.ProjectionDelta ?? 0, comment.ETag) { Quiet = comment.ImportId is not null };

    /// <summary>What a repair of an existing comment writes: the same rows, no count change, no flag to set.</summary>
    public static ProjectionMarker ForExisting(CommentEntity comment) =>
        ForNew(comment) with { Delta = 0 };

    /// <summary>From a comment row (or the <see cref="Columns"/> of one) that is not projected yet.</summary>
    public static ProjectionMarker? FromEntity(TableEntity row) =>
        CommentIds.IsValid(row.RowKey) && row.GetString("Status") is { } status && row.GetDateTimeOffset("CreatedAt") is { } at
            ? new(row.PartitionKey, row.RowKey, status, at, row.GetString("EmailHash"),
                row.GetInt32(nameof(CommentEntity.ProjectionDelta)) ?? 0, row.ETag) { Quiet = row.GetString(nameof(CommentEntity.ImportId)) is not null }
            : null;
}
