using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Feed;

internal sealed record FeedSyncResult(string Status, int Items, int New, int Queued, string? Error = null);

/// <summary>
/// Copies the feed into the posts table. A post is new when its key is first inserted; the
/// first sync of a feed URL only records what exists (no archive blast), items older than
/// MaxAgeDays are recorded unsent, and an edited item (same id) is never queued again.
/// </summary>
internal sealed partial class FeedSync(FeedFetcher fetcher, PostStore posts,
    IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time, ILogger<FeedSync> logger)
{
    public async Task<FeedSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(current.FeedUrl))
        {
            return new FeedSyncResult("no-feed", 0, 0, 0);
        }
        if (!Uri.TryCreate(current.FeedUrl.Trim(), UriKind.Absolute, out var url))
        {
            return new FeedSyncResult("error", 0, 0, 0, "Newsletter:FeedUrl is not an absolute URL.");
        }
        var key = FeedStateEntity.KeyFor(url.ToString());
        var state = await posts.GetFeedStateAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        FeedFetch fetch;
        try
        {
            fetch = await fetcher.FetchAsync(url, state?.ETagValue, state?.LastModified, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or FeedFormatException or TimeoutException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFeedFailed(logger, e, url);
            if (state is not null)
            {
                state.LastError = e.Message;
                state.LastSyncAt = now;
                await posts.SaveFeedStateAsync(state, cancellationToken);
            }
            return new FeedSyncResult("error", 0, 0, 0, e.Message);
        }
        if (fetch.NotModified && state is not null)
        {
            state.LastSyncAt = now;
            state.LastError = null;
            await posts.SaveFeedStateAsync(state, cancellationToken);
            return new FeedSyncResult("not-modified", 0, 0, 0);
        }

        var firstSync = state is null;
        int added = 0, queued = 0;
        foreach (var item in fetch.Items.DistinctBy(i => i.Id))
        {
            var post = NewPost(item, "feed", now, current.MaxAgeDays, firstSync);
            if (await posts.AddIfNewAsync(post, cancellationToken))
            {
                added++;
                queued += post.State == PostState.Pending ? 1 : 0;
                LogNewPost(logger, post.PostId, post.State, post.SkipReason);
            }
        }
        state ??= new FeedStateEntity { RowKey = key, FeedUrl = url.ToString() };
        state.ETagValue = fetch.ETag;
        state.LastModified = fetch.LastModified;
        state.LastSyncAt = now;
        state.LastChangedAt = now;
        state.LastError = null;
        state.LastItemCount = fetch.Items.Count;
        await posts.SaveFeedStateAsync(state, cancellationToken);
        LogSynced(logger, url, fetch.Items.Count, added, queued, firstSync);
        return new FeedSyncResult(firstSync ? "first-sync" : "synced", fetch.Items.Count, added, queued);
    }

    /// <summary>The entity for a post seen for the first time, with the rules that decide whether it is sent.</summary>
    public static PostEntity NewPost(FeedItem item, string source, DateTimeOffset now, int maxAgeDays, bool firstSync)
    {
        var (state, reason) = firstSync ? (PostState.Recorded, "first-sync")
            : item.PublishedAt is { } published && published < now.AddDays(-maxAgeDays) ? (PostState.Recorded, "too-old")
            : (PostState.Pending, (string?)null);
        return new PostEntity
        {
            RowKey = PostKeys.For(item.Id),
            PostId = item.Id,
            Title = item.Title,
            Url = item.Url,
            Summary = item.Summary,
            PublishedAt = item.PublishedAt,
            FirstSeenAt = now,
            Source = source,
            State = state,
            SkipReason = reason,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Url} could not be synced")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "New post {PostId}: {State} {Reason}")]
    private static partial void LogNewPost(ILogger logger, string postId, string state, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Url}: {Items} items, {New} new, {Queued} queued (first sync: {FirstSync})")]
    private static partial void LogSynced(ILogger logger, Uri url, int items, int @new, int queued, bool firstSync);
}
