using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>The posts table: first-seen inserts, reads and conditional updates.</summary>
internal sealed class PostStore(BlogTables tables)
{
    private TableClient Table => tables[PostEntity.TableName];

    /// <summary>Inserts a post seen for the first time; false when its key is already known (an edit or a repeat).</summary>
    public async Task<bool> AddIfNewAsync(PostEntity post, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(post, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The sync state of one feed URL (its row lives beside the posts), or null before its first sync.</summary>
    public async Task<Feed.FeedStateEntity?> GetFeedStateAsync(string feedKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<Feed.FeedStateEntity>(Feed.FeedStateEntity.Partition, feedKey,
            cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task SaveFeedStateAsync(Feed.FeedStateEntity state, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The titles of the posts with these keys (one point read each, title column only); unknown keys are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TitlesAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys.Where(PostKeys.LooksValid))
        {
            try
            {
                var row = await Table.GetEntityIfExistsAsync<PostEntity>(PostEntity.Partition, key,
                    select: [nameof(PostEntity.Title)], cancellationToken: cancellationToken);
                if (row.HasValue && row.Value!.Title is { Length: > 0 } title)
                {
                    titles[key] = title;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                break; // no posts table yet: nothing to name
            }
        }
        return titles;
    }

    public async Task<PostEntity?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<PostEntity>(PostKeys.PartitionOf(key), key, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Replaces the post if nobody changed it since it was read; false on a lost race.</summary>
    public async Task<bool> TryUpdateAsync(PostEntity post, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(post, post.ETag, TableUpdateMode.Replace, cancellationToken);
            post.ETag = response.Headers.ETag ?? post.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Posts that still have work: pending ones and those being dispatched.</summary>
    public async Task<List<PostEntity>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<PostEntity>(p =>
            p.PartitionKey == PostEntity.Partition && (p.State == PostState.Pending || p.State == PostState.Dispatching));
        return await ToListAsync(Table.QueryAsync<PostEntity>(filter, cancellationToken: cancellationToken));
    }

    /// <summary>Posts whose plan was committed from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive): a week's digest.</summary>
    public async Task<List<PostEntity>> ListPlannedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await ToListAsync(Table.QueryAsync<PostEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {PostEntity.Partition} and PlannedAt ge {from} and PlannedAt lt {to}"),
            cancellationToken: cancellationToken));

    /// <summary>Every weekly digest's row.</summary>
    public async Task<List<PostEntity>> ListDigestsAsync(CancellationToken cancellationToken) =>
        await ToListAsync(Table.QueryAsync<PostEntity>(p => p.PartitionKey == PostEntity.DigestPartition, cancellationToken: cancellationToken));

    public async Task<List<PostEntity>> ListAllAsync(CancellationToken cancellationToken) =>
        await ToListAsync(Table.QueryAsync<PostEntity>(p => p.PartitionKey == PostEntity.Partition, cancellationToken: cancellationToken));

    private static async Task<List<PostEntity>> ToListAsync(AsyncPageable<PostEntity> pages)
    {
        var list = new List<PostEntity>();
        await foreach (var post in pages)
        {
            list.Add(post);
        }
        return list;
    }
}
