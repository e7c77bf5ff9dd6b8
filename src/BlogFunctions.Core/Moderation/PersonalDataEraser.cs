using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation;

/// <summary>
/// GDPR erasure by email address: finds the address's comments through the email index (one
/// partition, no scan), blanks name, email, website and IP hash on each, keeps the text under
/// "[deleted]", then drops the index and the returning-author rows. Safe to run again.
/// </summary>
public sealed class PersonalDataEraser(BlogTables tables, CommentStore store, CommentReadCache cache, Signer signer)
    : ICommentPersonalDataEraser
{
    public const string ErasedAuthor = "[deleted]";

    public async Task<int> EraseByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        if (normalized.Length == 0)
        {
            return 0;
        }
        var emailHash = signer.Hash("email", normalized);
        var lookups = tables[CommentTables.Lookups];
        var rows = new List<TableEntity>();
        await foreach (var row in lookups.QueryAsync<TableEntity>(r => r.PartitionKey == CommentTables.EmailPartition(emailHash),
            cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        var changed = 0;
        foreach (var row in rows)
        {
            var comment = await store.GetAsync(row.GetString("PostId") ?? "", row.GetString("CommentId") ?? "", cancellationToken);
            if (comment is not null && comment.EmailHash == emailHash)
            {
                comment.Author = ErasedAuthor;
                comment.AuthorHash = null;
                comment.Email = null;
                comment.EmailHash = null;
                comment.Website = null;
                comment.IpHash = null;
                comment.Avatar = signer.Hash("avatar", ErasedAuthor);
                await tables[CommentTables.Comments].UpdateEntityAsync(comment, Azure.ETag.All, TableUpdateMode.Replace, cancellationToken);
                cache.Invalidate(comment.PostId);
                changed++;
            }
            await CommentStore.DeleteIfExistsAsync(lookups, row.PartitionKey, row.RowKey, cancellationToken);
        }
        var authors = new List<TableEntity>();
        await foreach (var row in lookups.QueryAsync<TableEntity>(r => r.PartitionKey == CommentTables.AuthorPartition(emailHash),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            authors.Add(row);
        }
        await Task.WhenAll(authors.Select(a => CommentStore.DeleteIfExistsAsync(lookups, a.PartitionKey, a.RowKey, cancellationToken)));
        return changed;
    }
}
