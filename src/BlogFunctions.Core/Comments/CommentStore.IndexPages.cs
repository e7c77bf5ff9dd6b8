using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>One index row: which comment it points to, under which status, from when.</summary>
internal sealed record IndexRow(string Status, string RowKey, string PostId, string CommentId, DateTimeOffset? CreatedAt);

/// <summary>The moderation index as the moderation list reads it: a page of one status, newest first.</summary>
internal sealed partial class CommentStore
{
    /// <summary>Up to <paramref name="pageSize"/> rows after <paramref name="after"/>, and whether more follow.</summary>
    public async Task<(IReadOnlyList<IndexRow> Rows, bool More)> IndexPageAsync(string status, string? after, int pageSize,
        CancellationToken cancellationToken)
    {
        // The first page asks for the partition alone ("RowKey gt ''" would select the same rows):
        // the plainest range for the service to seek, and one predicate less for Azurite, which
        // evaluates the filter on every row of the table (bench/README.md, moderation listing).
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {status}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {status} and RowKey gt {after}");
        var rows = new List<IndexRow>(pageSize);
        await foreach (var row in Index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            if (rows.Count == pageSize)
            {
                return (rows, true);
            }
            rows.Add(new IndexRow(row.PartitionKey, row.RowKey, row.GetString("PostId") ?? "", row.GetString("CommentId") ?? "",
                row.GetDateTimeOffset("CreatedAt")));
        }
        return (rows, false);
    }

    /// <summary>Removes an index row whose comment is gone (a crash between a delete's two steps).</summary>
    public Task DeleteIndexRowAsync(IndexRow row, CancellationToken cancellationToken) =>
        DeleteIfExistsAsync(Index, row.Status, row.RowKey, cancellationToken);
}
