using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation;

/// <summary>
/// GDPR erasure by email address: finds the address's comments through the email index (one
/// partition, no scan), blanks name, email, website and IP hash on each, keeps the text under
/// "[deleted]", then drops the index rows and any known-author rows older versions wrote. Safe to run again.
/// </summary>
public sealed class PersonalDataEraser(BlogTables tables, CommentStore store, CommentReadCache cache,
    CommentProjectionService projections, Signer signer)
    : ICommentPersonalDataEraser
{
    public const string ErasedAuthor = "[deleted]";

    public async Task<int> EraseByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (EmailIdentity.Normalize(email).Length == 0)
        {
            return 0;
        }
        var emailHash = signer.EmailHash(email);
        // A comment posted a moment ago on this instance gets its email row within milliseconds: wait for it.
        await projections.FlushAsync(cancellationToken);
        var lookups = tables[CommentTables.Lookups];
        var partition = CommentTables.EmailPartition(emailHash);
        var rows = new List<TableEntity>();
        var (from, to) = (CommentTables.EmailRowsFrom(emailHash), CommentTables.EmailRowsTo(emailHash));
        await foreach (var row in lookups.QueryAsync<TableEntity>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var changed = 0;
        foreach (var row in rows)
        {
            if (await EraseCommentAsync(row.GetString("PostId") ?? "", row.GetString("CommentId") ?? "", emailHash, cancellationToken))
            {
                changed++;
            }
            await CommentStore.DeleteIfExistsAsync(lookups, row.PartitionKey, row.RowKey, cancellationToken);
        }
        var authors = new List<TableEntity>();
        var (authorsFrom, authorsTo) = (CommentTables.AuthorRowsFrom(emailHash), CommentTables.AuthorRowsTo(emailHash));
        await foreach (var row in lookups.QueryAsync<TableEntity>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(authorsFrom) >= 0 && r.RowKey.CompareTo(authorsTo) < 0,
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            authors.Add(row);
        }
        await Task.WhenAll(authors.Select(a => CommentStore.DeleteIfExistsAsync(lookups, a.PartitionKey, a.RowKey, cancellationToken)));
        return changed;
    }

    /// <summary>
    /// Blanks one comment's personal fields, guarded by the ETag it was read with: a blind replace
    /// could undo the projector's Projected = true written meanwhile, and the comment would be
    /// projected, and counted, a second time.
    /// </summary>
    private async Task<bool> EraseCommentAsync(string postId, string commentId, string emailHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var comment = await store.GetAsync(postId, commentId, cancellationToken);
            if (comment is null || comment.EmailHash != emailHash)
            {
                return false;
            }
            comment.Author = ErasedAuthor;
            comment.AuthorHash = null;
            comment.Email = null;
            comment.EmailHash = null;
            comment.Website = null;
            comment.IpHash = null;
            comment.Avatar = signer.Hash("avatar", ErasedAuthor);
            try
            {
                await tables[CommentTables.Comments].UpdateEntityAsync(comment, comment.ETag, TableUpdateMode.Replace, cancellationToken);
                cache.Invalidate(comment.PostId);
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 404 or 412 && attempt < 10)
            {
                // Changed (or deleted) since the read: read it again.
            }
        }
    }
}
