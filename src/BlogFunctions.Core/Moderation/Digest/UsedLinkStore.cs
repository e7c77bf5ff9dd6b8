using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// Single use of one-click links, enforced by storage: the first insert of a link's row wins.
/// PartitionKey = the UTC day the link was issued (so <see cref="UsedLinkCleanup"/> drops expired
/// days by key range), RowKey = the link's random nonce.
/// </summary>
internal sealed class UsedLinkStore(BlogTables tables, TimeProvider time)
{
    private TableClient Table => tables[UsedLinkEntity.TableName];

    public static string PartitionOf(DateTimeOffset issuedAt) =>
        issuedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task<bool> IsUsedAsync(ModerationLink link, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<UsedLinkEntity>(PartitionOf(link.IssuedAt), link.Nonce, select: ["PartitionKey"],
            cancellationToken: cancellationToken)).HasValue;

    /// <summary>Marks the link used; false when it already was (409: another click got there first).</summary>
    public async Task<bool> TryUseAsync(ModerationLink link, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new UsedLinkEntity
            {
                PartitionKey = PartitionOf(link.IssuedAt),
                RowKey = link.Nonce,
                PostId = link.PostId,
                CommentId = link.CommentId,
                Action = ModerationLinkTokens.Name(link.Action),
                UsedAt = time.GetUtcNow(),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Gives the link back when its action could not be applied, so the moderator can try again.</summary>
    public async Task ReleaseAsync(ModerationLink link)
    {
        try
        {
            await Table.DeleteEntityAsync(PartitionOf(link.IssuedAt), link.Nonce, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Best effort: the moderation page still offers every action.
        }
    }

    /// <summary>Deletes the used-link rows of days before <paramref name="beforePartition"/> (one key range).</summary>
    public Task<int> DeleteBeforeAsync(string beforePartition, CancellationToken cancellationToken) =>
        ExpiredPartitions.DeleteBelowAsync(Table, beforePartition, cancellationToken);
}
