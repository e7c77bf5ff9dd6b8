using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Newsletter.Dispatch;

internal sealed record NewsletterRunResult(FeedSyncResult Feed, IReadOnlyList<PostDispatchResult> Posts);

/// <summary>
/// The whole newsletter inline, in one call: sync the feed, plan new posts, send due chunks. The
/// hosts run it as queue steps instead (<see cref="NewsletterSteps"/>); this is the same work for
/// a moderator's resend (one post) and for the in-process tests and bench that compare both paths.
/// Overlapping runs (two instances, a queue step meanwhile) are safe: plans commit with ETags and
/// every chunk is claimed with its ETag before it is sent.
/// </summary>
internal sealed partial class NewsletterJob(FeedSync feed, PostStore posts, ChunkPlanner planner, ChunkDispatcher dispatcher,
    ILogger<NewsletterJob> logger)
{
    public async Task<NewsletterRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var synced = await feed.SyncAsync(cancellationToken);
        var results = new List<PostDispatchResult>();
        var open = await posts.ListOpenAsync(cancellationToken);
        foreach (var post in open.OrderBy(p => p.FirstSeenAt))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            results.Add(await RunPostAsync(post, cancellationToken));
        }
        LogRun(logger, synced.Status, results.Count);
        return new NewsletterRunResult(synced, results);
    }

    /// <summary>Plans the post if needed, then sends its due chunks.</summary>
    public async Task<PostDispatchResult> RunPostAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var current = post;
        PlannedRecipients? planned = null;
        if (current.State == PostState.Pending)
        {
            var plan = await planner.PlanAsync(current, cancellationToken);
            current = plan.Post ?? current;
            planned = plan.Recipients;
        }
        if (current.State != PostState.Dispatching)
        {
            return new PostDispatchResult(current.RowKey, current.PostId, current.ChunkCount, 0, 0, 0, 0);
        }
        return await dispatcher.DispatchAsync(current, planned, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter run: feed {FeedStatus}, {Posts} posts with work")]
    private static partial void LogRun(ILogger logger, string feedStatus, int posts);
}
