using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>Shapes of the rows derived from a comment: moderation index and email lookup.</summary>
internal static class DerivedRows
{
    public static TableEntity Index(string status, DateTimeOffset createdAt, string postId, string commentId) =>
        new(status, CommentTables.IndexRowKey(createdAt, postId, commentId))
        {
            ["PostId"] = postId,
            ["CommentId"] = commentId,
            ["CreatedAt"] = createdAt,
        };

    public static TableEntity Email(string emailHash, string postId, string commentId) =>
        new(CommentTables.EmailPartition(emailHash), CommentTables.EmailRowKey(emailHash, postId, commentId))
        {
            ["PostId"] = postId,
            ["CommentId"] = commentId,
        };

    /// <summary>Every row a comment in this state should have (upserts; rows of other states are the caller's to delete).</summary>
    public static IEnumerable<(string Table, TableEntity Row)> For(ProjectionMarker m)
    {
        if (CommentStatus.IsValid(m.Status))
        {
            yield return (CommentTables.Index, Index(m.Status, m.CreatedAt, m.PostId, m.CommentId));
        }
        if (m.EmailHash is not null)
        {
            yield return (CommentTables.Lookups, Email(m.EmailHash, m.PostId, m.CommentId));
        }
    }
}
