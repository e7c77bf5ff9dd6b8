using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>Builds public pages (approved comments, oldest first) and serves them from <see cref="CommentReadCache"/>.</summary>
internal sealed class CommentReader(BlogTables tables, CommentStore store, CommentReadCache cache,
    CommentProjectionService projections, IOptionsMonitor<CommentsOptions> options)
{
    public const int MaxCountIds = 50;

    public Task<CachedPage> GetPageAsync(string postId, string? cursor)
    {
        var after = PageCursor.Decode(cursor, maxLength: 64, CommentIds.IsValid);
        // Shared by concurrent requests, so it must not die with one of them: the SDK's own timeouts bound it.
        return cache.GetAsync(postId, after ?? "", () => LoadAsync(postId, after, CancellationToken.None));
    }

    public async Task<Dictionary<string, int>> GetCountsAsync(IReadOnlyList<string> postIds)
    {
        // Counts share the page cache (and its invalidation): four bytes under a key no cursor can take.
        var counts = await Task.WhenAll(postIds.Select(async id =>
        {
            var page = await cache.GetAsync(id, CacheAdmission.CountKey, async () =>
            {
                await OwnWritesAsync(id);
                return new CachedPage(BitConverter.GetBytes(await store.GetCountAsync(id, CancellationToken.None)), "");
            });
            return (id, BitConverter.ToInt32(page.Body));
        }));
        return counts.ToDictionary(c => c.id, c => c.Item2, StringComparer.Ordinal);
    }

    private async Task<CachedPage> LoadAsync(string postId, string? after, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(options.CurrentValue.PageSize, 1, 1000);
        await OwnWritesAsync(postId);
        var count = store.GetCountAsync(postId, cancellationToken);
        var comments = new List<PublicComment>(Math.Min(size, 64));
        string? next = null;
        string? nextKey = null;
        var lower = after ?? "";
        await foreach (var e in tables[CommentTables.Comments].QueryAsync<CommentEntity>(
            x => x.PartitionKey == postId && x.RowKey.CompareTo(lower) > 0 && x.RowKey.CompareTo(CommentTables.AuxPrefix) < 0
                && (x.Status == CommentStatus.Approved || x.Status == CommentStatus.Deleted),
            maxPerPage: size + 1, cancellationToken: cancellationToken))
        {
            if (comments.Count == size)
            {
                nextKey = comments[^1].Id;
                next = PageCursor.Encode(nextKey);
                break;
            }
            comments.Add(PublicComment.From(e));
        }
        var body = new CommentPageBody(postId, comments, await count, next);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, CommentJsonContext.Default.CommentPageBody);
        var etag = "\"" + WebEncoders.Base64UrlEncode(SHA256.HashData(bytes).AsSpan(0, 18)) + "\"";
        return new CachedPage(bytes, etag, nextKey);
    }

    /// <summary>A count read right after a POST on this instance includes it: wait for its projection (milliseconds).</summary>
    private Task OwnWritesAsync(string postId) =>
        projections.HasPending(postId) ? projections.FlushAsync(CancellationToken.None) : Task.CompletedTask;
}
