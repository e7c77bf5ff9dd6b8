using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>Reads for the comment feeds: the newest approved comments of a post, or of the whole site.</summary>
internal sealed partial class CommentStore
{
    /// <summary>The newest <paramref name="max"/> approved comments of a post, newest first (one partition read).</summary>
    public async Task<List<CommentEntity>> NewestApprovedAsync(string postId, int max, CancellationToken cancellationToken)
    {
        // Rows come oldest first; keep a window of the last ones.
        var newest = new Queue<CommentEntity>(max + 1);
        await foreach (var e in Comments.QueryAsync<CommentEntity>(
            x => x.PartitionKey == postId && x.RowKey.CompareTo(CommentTables.AuxPrefix) < 0 && x.Status == CommentStatus.Approved,
            cancellationToken: cancellationToken))
        {
            newest.Enqueue(e);
            if (newest.Count > max)
            {
                newest.Dequeue();
            }
        }
        return newest.Reverse().ToList();
    }

    /// <summary>
    /// The newest <paramref name="max"/> approved comments across posts, newest first: the approved
    /// index partition is already in that order, then one point read per comment (its status is
    /// checked again, since the index may lag a moderation by moments).
    /// </summary>
    public async Task<List<CommentEntity>> NewestApprovedEverywhereAsync(int max, CancellationToken cancellationToken)
    {
        var keys = new List<(string PostId, string CommentId)>(max);
        await foreach (var row in Index.QueryAsync<TableEntity>(x => x.PartitionKey == CommentStatus.Approved, maxPerPage: max,
            select: ["PostId", "CommentId"], cancellationToken: cancellationToken))
        {
            keys.Add((row.GetString("PostId") ?? "", row.GetString("CommentId") ?? ""));
            if (keys.Count == max)
            {
                break;
            }
        }
        var comments = await Task.WhenAll(keys.Select(k => GetAsync(k.PostId, k.CommentId, cancellationToken)));
        return comments.Where(c => c?.Status == CommentStatus.Approved).Select(c => c!).ToList();
    }
}
