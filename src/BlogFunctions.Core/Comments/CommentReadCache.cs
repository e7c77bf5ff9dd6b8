using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>A serialized public page: bytes without the form token, and their strong ETag.</summary>
public sealed record CachedPage(byte[] Body, string ETag);

/// <summary>
/// Keeps each public page (post + cursor) serialized in memory for a few seconds, so the hot read
/// path costs no storage query. One load per key at a time; moderation on this instance
/// invalidates at once, other instances catch up within <see cref="CommentsOptions.ReadCacheSeconds"/>.
/// A per-post version stops a load that started before an invalidation from storing stale bytes.
/// </summary>
public sealed class CommentReadCache(TimeProvider time, IOptionsMonitor<CommentsOptions> options)
{
    private const int MaxEntries = 20_000;

    private sealed record Entry(CachedPage Page, long Version, long ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<CachedPage>> _loading = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public Task<CachedPage> GetAsync(string postId, string key, Func<Task<CachedPage>> load)
    {
        var seconds = options.CurrentValue.ReadCacheSeconds;
        if (seconds <= 0)
        {
            return load();
        }
        var version = _versions.GetValueOrDefault(postId);
        var now = time.GetTimestamp();
        var fullKey = postId + "\n" + key;
        if (_entries.TryGetValue(fullKey, out var entry) && entry.Version == version && entry.ExpiresAt > now)
        {
            return Task.FromResult(entry.Page);
        }
        var loadKey = fullKey + "\n" + version;
        return _loading.GetOrAdd(loadKey, _ => LoadAsync(postId, fullKey, loadKey, version, seconds, load));
    }

    public void Invalidate(string postId)
    {
        _versions.AddOrUpdate(postId, 1, (_, v) => v + 1);
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(postId + "\n", StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private async Task<CachedPage> LoadAsync(string postId, string fullKey, string loadKey, long version, int seconds,
        Func<Task<CachedPage>> load)
    {
        try
        {
            await Task.Yield();
            var page = await load();
            if (_versions.GetValueOrDefault(postId) == version)
            {
                if (_entries.Count >= MaxEntries)
                {
                    _entries.Clear();
                }
                var expires = time.GetTimestamp() + (seconds * time.TimestampFrequency);
                _entries[fullKey] = new Entry(page, version, expires);
            }
            return page;
        }
        finally
        {
            _loading.TryRemove(loadKey, out _);
        }
    }
}
