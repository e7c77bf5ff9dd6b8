using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// A serialized public page: bytes without the form token, their strong ETag, and where the next
/// page starts (<see cref="NextKey"/>, the last comment id), which is a cursor this server handed out.
/// </summary>
internal sealed record CachedPage(byte[] Body, string ETag, string? NextKey = null);

/// <summary>
/// Keeps each public page (post + cursor) serialized in memory for a few seconds, so the hot read
/// path costs no storage query. One load per key at a time; moderation on this instance
/// invalidates at once, other instances catch up within <see cref="CommentsOptions.ReadCacheSeconds"/>.
/// A per-post version stops a load that started before an invalidation from storing stale bytes.
/// <para>
/// Any well-formed comment id is a valid cursor, so a client could ask for a new page per request;
/// only the first page and pages that start at a boundary a cached page handed out are stored
/// (<see cref="CacheAdmission"/>). What is stored is bounded in bytes, and expired entries are swept.
/// </para>
/// </summary>
internal sealed class CommentReadCache(TimeProvider time, IOptionsMonitor<CommentsOptions> options)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<CachedPage>> _loading = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly CacheAdmission _admission = new();
    private long _bytes;
    private long _nextSweep;

    /// <summary>Bytes held now (bodies, keys and bookkeeping), never above the configured bound.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _entries.Count;

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
        return _loading.GetOrAdd(loadKey, _ => LoadAsync(postId, key, fullKey, loadKey, version, seconds, load));
    }

    public void Invalidate(string postId)
    {
        _versions.AddOrUpdate(postId, 1, (_, v) => v + 1);
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(postId + "\n", StringComparison.Ordinal))
            {
                Remove(key);
            }
        }
    }

    private async Task<CachedPage> LoadAsync(string postId, string key, string fullKey, string loadKey, long version,
        int seconds, Func<Task<CachedPage>> load)
    {
        try
        {
            await Task.Yield();
            var page = await load();
            if (_versions.GetValueOrDefault(postId) == version && _admission.Admits(postId, key, version))
            {
                var now = time.GetTimestamp();
                Store(fullKey, new CacheEntry(page, version, now + (seconds * time.TimestampFrequency), postId,
                    CacheEntry.SizeOf(fullKey, page)), now);
            }
            return page;
        }
        finally
        {
            _loading.TryRemove(loadKey, out _);
        }
    }

    private void Store(string fullKey, CacheEntry entry, long now)
    {
        Remove(fullKey);
        var limit = Math.Max(0L, options.CurrentValue.ReadCacheMegabytes) * 1024 * 1024;
        if (entry.Size > limit)
        {
            return;
        }
        if (now >= Interlocked.Read(ref _nextSweep) || Bytes + entry.Size > limit)
        {
            Sweep(now, limit - entry.Size);
        }
        if (_entries.TryAdd(fullKey, entry))
        {
            Interlocked.Add(ref _bytes, entry.Size);
            _admission.Opened(entry);
        }
    }

    /// <summary>Drops expired and superseded entries; then, while over <paramref name="target"/> bytes, any others.</summary>
    private void Sweep(long now, long target)
    {
        Interlocked.Exchange(ref _nextSweep, now + time.TimestampFrequency);
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now || entry.Version != _versions.GetValueOrDefault(entry.PostId))
            {
                Remove(key);
            }
        }
        foreach (var key in _entries.Keys)
        {
            if (Bytes <= target)
            {
                break;
            }
            Remove(key);
        }
    }

    private void Remove(string fullKey)
    {
        if (_entries.TryRemove(fullKey, out var old))
        {
            Interlocked.Add(ref _bytes, -old.Size);
            _admission.Closed(old);
        }
    }
}
