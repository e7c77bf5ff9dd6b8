using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>The export's read: the whole comments table, comment rows only.</summary>
internal sealed partial class CommentStore
{
    /// <summary>Every comment of every post (tombstones included), post by post, oldest first within a post.</summary>
    public async IAsyncEnumerable<CommentEntity> AllCommentsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Comments.QueryAsync<CommentEntity>(
            TableClient.CreateQueryFilter($"RowKey lt {CommentTables.AuxPrefix}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (CommentIds.IsValid(row.RowKey))
            {
                yield return row;
            }
        }
    }
}
