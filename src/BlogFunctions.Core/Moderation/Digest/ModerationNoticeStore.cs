using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// The notices table, one row per held comment a digest has to report, partitioned by minute, so
/// the notices since the last digest are one range of partitions and never a scan of the table.
/// </summary>
internal sealed class ModerationNoticeStore(BlogTables tables)
{
    private TableClient Table => tables[ModerationNoticeEntity.TableName];

    public async Task AddAsync(string postId, string commentId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new ModerationNoticeEntity
        {
            PartitionKey = ModerationNoticeEntity.Minute(at),
            RowKey = ModerationNoticeEntity.RowKeyFor(at, commentId),
            PostId = postId,
            CommentId = commentId,
            At = at,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Notices written after <paramref name="after"/> and up to <paramref name="through"/>, oldest first.</summary>
    public async Task<List<ModerationNoticeEntity>> BetweenAsync(DateTimeOffset after, DateTimeOffset through,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {ModerationNoticeEntity.Minute(after)} and PartitionKey le {ModerationNoticeEntity.Minute(through)}");
        var list = new List<ModerationNoticeEntity>();
        await foreach (var n in Table.QueryAsync<ModerationNoticeEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (n.At > after && n.At <= through)
            {
                list.Add(n);
            }
        }
        list.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return list;
    }
}
