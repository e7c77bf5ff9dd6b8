namespace BlogFunctions.Core.Email;

/// <summary>
/// Names the posts of one kind of delivery-log row (the newsletter's), whose PostId is a table key
/// that means nothing to a moderator. Defined here, where the listing needs it; the feature that
/// owns the posts implements it, so the email feature never reads another feature's table.
/// </summary>
internal interface IDeliveryPostTitles
{
    /// <summary>The delivery kind whose PostId this source can name.</summary>
    string Kind { get; }

    /// <summary>Titles by post key, for the keys it knows; unknown keys are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> TitlesAsync(IReadOnlyCollection<string> postKeys, CancellationToken cancellationToken);
}

/// <summary>Adds each listed row's post title from the source of its kind, one lookup per post of the page.</summary>
internal static class DeliveryPostTitles
{
    public static async Task<List<DeliveryDto>> AddAsync(IEnumerable<IDeliveryPostTitles> sources, List<DeliveryDto> items,
        CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            var keys = items.Where(i => i.Kind == source.Kind && i.PostId is not null).Select(i => i.PostId!)
                .Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count == 0)
            {
                continue;
            }
            var titles = await source.TitlesAsync(keys, cancellationToken);
            items = items.Select(i => i.Kind == source.Kind && i.PostId is { } k && titles.TryGetValue(k, out var t)
                ? i with { PostTitle = t } : i).ToList();
        }
        return items;
    }
}
