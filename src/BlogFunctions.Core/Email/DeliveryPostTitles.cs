using Azure;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Email;

/// <summary>
/// A newsletter send is logged with the post's table key (a digest of its id), which means nothing
/// to a moderator: the listing carries the post's title beside it, read once per post of the page.
/// </summary>
internal static class DeliveryPostTitles
{
    public static async Task<List<DeliveryDto>> AddAsync(BlogTables tables, List<DeliveryDto> items, CancellationToken cancellationToken)
    {
        var keys = items.Where(i => i.Kind == EmailNewsletterTransport.Kind && i.PostId is { } k && PostKeys.LooksValid(k))
            .Select(i => i.PostId!).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return items;
        }
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (await TitleAsync(tables, key, cancellationToken) is { Length: > 0 } title)
            {
                titles[key] = title;
            }
        }
        return items.Select(i => i.PostId is { } k && i.Kind == EmailNewsletterTransport.Kind && titles.TryGetValue(k, out var t)
            ? i with { PostTitle = t } : i).ToList();
    }

    private static async Task<string?> TitleAsync(BlogTables tables, string key, CancellationToken cancellationToken)
    {
        try
        {
            var row = await tables[PostEntity.TableName].GetEntityIfExistsAsync<PostEntity>(PostEntity.Partition, key,
                select: [nameof(PostEntity.Title)], cancellationToken: cancellationToken);
            return row.HasValue ? row.Value!.Title : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no posts table: nothing to name
        }
    }
}
