using BlogFunctions.Core.Comments;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Comments;

/// <summary>The read cache's bookkeeping as pure logic (a fake clock, no storage): admission, byte bound, expiry.</summary>
public sealed class CommentReadCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CommentsOptions _options = new() { ReadCacheSeconds = 5, ReadCacheMegabytes = 1 };

    private CommentReadCache NewCache() => new(_time, new StaticMonitor(_options));

    private static Func<Task<CachedPage>> Page(int bytes, string? next = null) =>
        () => Task.FromResult(new CachedPage(new byte[bytes], "\"e\"", next));

    [Fact]
    public async Task Only_the_first_page_the_count_and_pages_at_a_handed_out_boundary_are_kept()
    {
        var cache = NewCache();
        await cache.GetAsync("p", "", Page(100, next: "b1"));
        await cache.GetAsync("p", "#count", Page(4));
        await cache.GetAsync("p", "made-up", Page(100));
        Assert.Equal(2, cache.Count);
        await cache.GetAsync("p", "b1", Page(100, next: "b2"));
        await cache.GetAsync("p", "b2", Page(100));
        Assert.Equal(4, cache.Count);
        // Another post's boundary does not open this one's pages.
        await cache.GetAsync("q", "b1", Page(100));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public async Task A_load_for_a_made_up_cursor_is_not_served_from_memory_later()
    {
        var cache = NewCache();
        var loads = 0;
        Task<CachedPage> Load()
        {
            loads++;
            return Task.FromResult(new CachedPage(new byte[10], "\"e\""));
        }
        await cache.GetAsync("p", "x", Load);
        await cache.GetAsync("p", "x", Load);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task The_bytes_held_never_pass_the_bound_however_many_posts_are_read()
    {
        var cache = NewCache();
        for (var i = 0; i < 200; i++)
        {
            await cache.GetAsync("post-" + i, "", Page(50_000));
            Assert.True(cache.Bytes <= 1024 * 1024, $"{cache.Bytes} bytes after {i + 1} pages");
        }
        Assert.InRange(cache.Count, 1, 21);
        // A page larger than the whole bound is served, never kept.
        await cache.GetAsync("huge", "", Page(2 * 1024 * 1024));
        Assert.True(cache.Bytes <= 1024 * 1024);
    }

    [Fact]
    public async Task Expired_entries_are_swept_on_the_next_store()
    {
        var cache = NewCache();
        for (var i = 0; i < 10; i++)
        {
            await cache.GetAsync("post-" + i, "", Page(1000));
        }
        Assert.Equal(10, cache.Count);
        _time.Advance(TimeSpan.FromSeconds(6));
        await cache.GetAsync("fresh", "", Page(1000));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Invalidation_releases_the_posts_bytes_and_its_boundaries()
    {
        var cache = NewCache();
        await cache.GetAsync("p", "", Page(1000, next: "b1"));
        await cache.GetAsync("p", "b1", Page(1000));
        cache.Invalidate("p");
        Assert.Equal(0, cache.Bytes);
        // The old boundary belonged to the old version: not admitted until page one hands it out again.
        await cache.GetAsync("p", "b1", Page(1000));
        Assert.Equal(0, cache.Count);
    }

    private sealed class StaticMonitor(CommentsOptions value) : IOptionsMonitor<CommentsOptions>
    {
        public CommentsOptions CurrentValue => value;

        public CommentsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CommentsOptions, string?> listener) => null;
    }
}
