using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>The store's part of GDPR erasure: the rows of one address, and the guarded write that blanks a comment.</summary>
internal sealed partial class CommentStore
{
    /// <summary>The address's email lookup rows: which comments it wrote (one partition, no scan).</summary>
    public async Task<IReadOnlyList<(string PostId, string CommentId, string RowKey)>> CommentsOfEmailAsync(string emailHash,
        CancellationToken cancellationToken)
    {
        var partition = CommentTables.EmailPartition(emailHash);
        var (from, to) = (CommentTables.EmailRowsFrom(emailHash), CommentTables.EmailRowsTo(emailHash));
        var found = new List<(string, string, string)>();
        await foreach (var row in Lookups.QueryAsync<TableEntity>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            found.Add((row.GetString("PostId") ?? "", row.GetString("CommentId") ?? "", row.RowKey));
        }
        return found;
    }

    /// <summary>Drops one email lookup row, and every known-author row older versions wrote for the address.</summary>
    public async Task ForgetEmailRowsAsync(string emailHash, IEnumerable<string> lookupRowKeys, CancellationToken cancellationToken)
    {
        var partition = CommentTables.EmailPartition(emailHash);
        var keys = lookupRowKeys.ToList();
        var (from, to) = (CommentTables.AuthorRowsFrom(emailHash), CommentTables.AuthorRowsTo(emailHash));
        await foreach (var row in Lookups.QueryAsync<TableEntity>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0,
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }
        await Task.WhenAll(keys.Select(k => DeleteIfExistsAsync(Lookups, partition, k, cancellationToken)));
    }

    /// <summary>
    /// Replaces a comment read with <see cref="GetAsync"/>, guarded by its ETag: false when it changed
    /// or vanished since (read it again). A blind replace could undo the projector's Projected = true.
    /// </summary>
    public async Task<bool> TryReplaceAsync(CommentEntity comment, CancellationToken cancellationToken)
    {
        try
        {
            await Comments.UpdateEntityAsync(comment, comment.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
