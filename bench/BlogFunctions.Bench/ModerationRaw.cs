using Azure.Data.Tables;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Bench;

/// <summary>
/// The storage work of one moderation listing, done with bare Azure.Data.Tables against the same
/// Azurite and the same rows: the index query of the first page and the point reads of its
/// comments. Measured beside the API at each size so the report can tell the emulator's cost of a
/// query over a big table from the service's own.
/// </summary>
internal static class ModerationRaw
{
    private const int Requests = 60;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// PartitionKey = status with $top = 51: the API's first page. With <paramref name="rowKeyBound"/> the
    /// filter also says RowKey &gt; "" (what the API sent before; same rows, one predicate more per row).
    /// </summary>
    public static Task<LoadResult> FirstPageAsync(TableClient index, string status, string name, bool rowKeyBound) =>
        LoadGenerator.RunAsync(name, 1, Requests, Bound, async _ =>
            (await PageAsync(index, status, rowKeyBound)).Count > 0 || status != CommentStatus.Pending);

    /// <summary>The point reads of the first page's comments, all in flight at once like the API's.</summary>
    public static async Task<LoadResult> PointReadsAsync(TableClient index, TableClient comments, string name)
    {
        var keys = (await PageAsync(index, CommentStatus.Pending, rowKeyBound: false)).Take(50)
            .Select(r => (Post: r.GetString("PostId"), Id: r.GetString("CommentId"))).ToArray();
        return await LoadGenerator.RunAsync(name, 1, Requests, Bound, async _ =>
        {
            var found = await Task.WhenAll(keys.Select(k => comments.GetEntityIfExistsAsync<TableEntity>(k.Post, k.Id)));
            return found.All(f => f.HasValue);
        });
    }

    private static async Task<List<TableEntity>> PageAsync(TableClient index, string status, bool rowKeyBound)
    {
        var rows = new List<TableEntity>(51);
        var filter = rowKeyBound
            ? TableClient.CreateQueryFilter($"PartitionKey eq {status} and RowKey gt {""}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {status}");
        await foreach (var page in index.QueryAsync<TableEntity>(filter, maxPerPage: 51).AsPages())
        {
            rows.AddRange(page.Values);
            break;
        }
        return rows;
    }
}
