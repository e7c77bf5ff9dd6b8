using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>The derived rows: moderation index, counts and lookups, all rebuilt from a comment row.</summary>
public sealed partial class CommentStore
{
    /// <summary>Makes index, known authors and count agree with the comment row. Idempotent.</summary>
    public async Task SyncAsync(CommentEntity comment, CancellationToken cancellationToken)
    {
        var work = new List<Task> { Index.UpsertEntityAsync(IndexRow(comment, comment.Status), TableUpdateMode.Replace, cancellationToken) };
        work.AddRange(CommentStatus.All.Where(s => s != comment.Status)
            .Select(s => DeleteIfExistsAsync(Index, s, IndexRow(comment, s).RowKey, cancellationToken)));
        if (comment.Status == CommentStatus.Approved)
        {
            work.Add(RememberAuthorAsync(comment, cancellationToken));
        }
        work.Add(RecountAsync(comment.PostId, cancellationToken));
        await Task.WhenAll(work);
    }

    /// <summary>Recounts a post's approved comments from its partition (one partition query, no table scan).</summary>
    public async Task<int> RecountAsync(string postId, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Comments.QueryAsync<TableEntity>(
            e => e.PartitionKey == postId && e.GetString("Status") == CommentStatus.Approved,
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }
        await Counts.UpsertEntityAsync(new TableEntity(postId, "") { ["Approved"] = count }, TableUpdateMode.Replace, cancellationToken);
        return count;
    }

    public async Task<int> GetCountAsync(string postId, CancellationToken cancellationToken)
    {
        var row = await Counts.GetEntityIfExistsAsync<TableEntity>(postId, "", select: ["Approved"], cancellationToken);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }

    public async Task<bool> IsKnownAuthorAsync(string emailHash, string nameHash, CancellationToken cancellationToken) =>
        (await Lookups.GetEntityIfExistsAsync<TableEntity>(CommentTables.AuthorPartition(emailHash), nameHash,
            select: ["RowKey"], cancellationToken)).HasValue;

    public async Task<DateTimeOffset?> BodyLastSeenAsync(string postId, string bodyHash, CancellationToken cancellationToken)
    {
        var row = await Lookups.GetEntityIfExistsAsync<TableEntity>(CommentTables.BodyPartition(postId), bodyHash,
            select: ["SeenAt"], cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("SeenAt") : null;
    }

    internal static TableEntity IndexRow(CommentEntity comment, string status) =>
        new(status, CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.Id))
        {
            ["PostId"] = comment.PostId,
            ["CommentId"] = comment.Id,
            ["CreatedAt"] = comment.CreatedAt,
        };

    private static TableEntity EmailRow(CommentEntity comment) =>
        new(CommentTables.EmailPartition(comment.EmailHash!), CommentTables.EmailRowKey(comment.PostId, comment.Id))
        {
            ["PostId"] = comment.PostId,
            ["CommentId"] = comment.Id,
        };

    private Task RememberAuthorAsync(CommentEntity comment, CancellationToken cancellationToken) =>
        comment.EmailHash is null || comment.AuthorHash is null
            ? Task.CompletedTask
            : Lookups.UpsertEntityAsync(new TableEntity(CommentTables.AuthorPartition(comment.EmailHash), comment.AuthorHash),
                TableUpdateMode.Replace, cancellationToken);

    internal static async Task DeleteIfExistsAsync(TableClient table, string pk, string rk, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(pk, rk, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "TableNotFound")
        {
        }
    }
}
