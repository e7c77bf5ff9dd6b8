using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// All writes to the comment tables. Table Storage has no transactions across partitions, so
/// the comment row is the source of truth and everything else is derived from it, in an order
/// that leaves only harmless, repairable states after a crash:
/// <list type="bullet">
/// <item>Create: index row, email row and body fingerprint first, then the comment, then (if
/// approved) the count. A crash before the comment leaves an index row pointing at nothing,
/// which the moderation list drops once it is a minute old; never a comment without index.</item>
/// <item>Status change: the comment first (ETag-guarded), then <see cref="SyncAsync"/> puts the
/// index row under the new status, deletes the others and recounts the post. A crash in between
/// leaves a stale index row; the moderation list notices the mismatch and calls SyncAsync.</item>
/// <item>Counts are recomputed from the post's partition, never incremented, so repeating any
/// step is harmless (idempotent repair).</item>
/// </list>
/// </summary>
public sealed class CommentStore(BlogTables tables)
{
    private TableClient Comments => tables[CommentTables.Comments];
    private TableClient Index => tables[CommentTables.Index];
    private TableClient Counts => tables[CommentTables.Counts];
    private TableClient Lookups => tables[CommentTables.Lookups];

    public async Task<CommentEntity?> GetAsync(string postId, string commentId, CancellationToken cancellationToken)
    {
        var response = await Comments.GetEntityIfExistsAsync<CommentEntity>(postId, commentId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task CreateAsync(CommentEntity comment, string bodyHash, CancellationToken cancellationToken)
    {
        var first = new List<Task>
        {
            Index.UpsertEntityAsync(IndexRow(comment, comment.Status), TableUpdateMode.Replace, cancellationToken),
            Lookups.UpsertEntityAsync(new TableEntity(CommentTables.BodyPartition(comment.PostId), bodyHash)
                { ["SeenAt"] = comment.CreatedAt }, TableUpdateMode.Replace, cancellationToken),
        };
        if (comment.EmailHash is not null)
        {
            first.Add(Lookups.UpsertEntityAsync(EmailRow(comment), TableUpdateMode.Replace, cancellationToken));
        }
        await Task.WhenAll(first);
        var added = await Comments.AddEntityAsync(comment, cancellationToken);
        comment.ETag = added.Headers.ETag ?? default;
        if (comment.Status == CommentStatus.Approved)
        {
            await Task.WhenAll(RememberAuthorAsync(comment, cancellationToken), RecountAsync(comment.PostId, cancellationToken));
        }
    }

    /// <summary>Changes the status, guarded by <paramref name="ifMatch"/> when given; null when the comment does not exist.</summary>
    public async Task<CommentEntity?> SetStatusAsync(string postId, string commentId, string status, ETag? ifMatch,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var comment = await GetAsync(postId, commentId, cancellationToken);
        if (comment is null)
        {
            return null;
        }
        RequireMatch(comment, ifMatch);
        if (comment.Status != status)
        {
            comment.Status = status;
            comment.ModeratedAt = now;
            var updated = await Guard(() => Comments.UpdateEntityAsync(comment, comment.ETag, TableUpdateMode.Replace, cancellationToken));
            comment.ETag = updated.Headers.ETag ?? default;
        }
        // Also when the status did not change: repeating an action repairs what a crash left half done.
        await SyncAsync(comment, cancellationToken);
        return comment;
    }

    /// <summary>Deletes a comment and what derives from it; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(string postId, string commentId, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var comment = await GetAsync(postId, commentId, cancellationToken);
        if (comment is null)
        {
            return false;
        }
        RequireMatch(comment, ifMatch);
        await Guard(() => Comments.DeleteEntityAsync(postId, commentId, comment.ETag, cancellationToken));
        var derived = CommentStatus.All.Select(s => DeleteIfExistsAsync(Index, s, IndexRow(comment, s).RowKey, cancellationToken)).ToList();
        if (comment.EmailHash is not null)
        {
            derived.Add(DeleteIfExistsAsync(Lookups, CommentTables.EmailPartition(comment.EmailHash),
                CommentTables.EmailRowKey(postId, commentId), cancellationToken));
        }
        derived.Add(RecountAsync(postId, cancellationToken));
        await Task.WhenAll(derived);
        return true;
    }

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

    private static void RequireMatch(CommentEntity comment, ETag? ifMatch)
    {
        if (ifMatch is { } expected && expected != ETag.All && expected != comment.ETag)
        {
            throw Stale();
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw Stale();
        }
    }

    private static ProblemException Stale() => new(412, "precondition_failed", "The comment has changed",
        "Someone changed this comment since you read it. Read it again, then retry.");
}
