using System.Globalization;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Moderator routes of the newsletter: run now, per-post status, resend a chunk.</summary>
internal sealed class NewsletterHandlers(NewsletterJob job, NewsletterSteps queue, QueueBacklog backlog, PostStore posts, ChunkStore chunks,
    IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time)
{
    /// <summary>Queues a sync now and answers at once: the work runs as queue steps, its progress shows in the status.</summary>
    public async Task<IResult> RunAsync(CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(new NewsletterStep(NewsletterStep.Sync), TimeSpan.Zero, cancellationToken);
        return Results.Json(new NewsletterRunQueued(NewsletterStep.Sync, $"/{Routes.Prefix}/moderation/newsletter"), NewsletterStatusJson.Default.NewsletterRunQueued,
            statusCode: 202).WithHeader("Location", $"/{Routes.Prefix}/moderation/newsletter");
    }

    public async Task<IResult> StatusAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = 50;
        if (request.Query.TryGetValue("limit", out var raw)
            && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            throw ProblemException.Validation("invalid_limit", "limit is a whole number from 1 to 500.", "limit");
        }
        // Digests that sent something show beside the posts (a week without one leaves an empty row, not shown).
        var recent = (await posts.ListAllAsync(cancellationToken))
            .Concat((await posts.ListDigestsAsync(cancellationToken)).Where(d => d.ChunkCount > 0))
            .OrderByDescending(p => p.FirstSeenAt).Take(limit).ToList();
        var statuses = await Task.WhenAll(recent.Select(p => StatusOfAsync(p, cancellationToken)));
        return Results.Json(new NewsletterOverview(await FeedAsync(cancellationToken), statuses, await backlog.ReadAsync(cancellationToken)),
            NewsletterStatusJson.Default.NewsletterOverview);
    }

    public async Task<IResult> ResendAsync(string key, string chunkNumber, CancellationToken cancellationToken)
    {
        if (!NewsletterStepKeys.LooksValid(key) || !int.TryParse(chunkNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw ProblemException.NotFound("chunk_not_found", "No such post key or chunk number.");
        }
        var post = await posts.GetAsync(key, cancellationToken);
        var chunk = post is null ? null : await chunks.GetAsync(post, index, cancellationToken);
        if (post is null || chunk is null)
        {
            throw ProblemException.NotFound("chunk_not_found", "No such post key or chunk number.");
        }
        if (chunk.State is not (ChunkState.Uncertain or ChunkState.Failed))
        {
            throw new ProblemException(409, "chunk_not_resendable", "This chunk cannot be resent",
                $"Only uncertain or failed chunks can be resent; this one is {chunk.State}.");
        }
        var read = chunk.ETag;
        chunk.State = ChunkState.Planned;
        chunk.Attempts = 0;
        chunk.ResendCount++;
        chunk.ResendRequestedAt = time.GetUtcNow();
        chunk.LastError = "";
        if (!await chunks.TryUpdateAsync(chunk, read, cancellationToken))
        {
            throw new ProblemException(409, "chunk_changed", "The chunk changed meanwhile", "Reload the status and try again.");
        }
        await ReopenAsync(post, cancellationToken);
        // Send it now, so the moderator sees the outcome in this answer.
        var reopened = await posts.GetAsync(key, cancellationToken) ?? post;
        await job.RunPostAsync(reopened, cancellationToken);
        var after = await chunks.GetAsync(reopened, index, cancellationToken) ?? chunk;
        return Results.Json(new ResendResult(key, index, after.State, after.SentCount, Blank(after.LastError)), NewsletterStatusJson.Default.ResendResult);
    }

    private async Task ReopenAsync(PostEntity post, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5 && post.State != PostState.Dispatching; attempt++)
        {
            post.State = PostState.Dispatching;
            post.CompletedAt = null;
            if (await posts.TryUpdateAsync(post, cancellationToken))
            {
                return;
            }
            post = await posts.GetAsync(post.RowKey, cancellationToken) ?? post;
        }
    }

    private async Task<PostStatus> StatusOfAsync(PostEntity post, CancellationToken cancellationToken)
    {
        var list = await chunks.ListAsync(post, cancellationToken);
        var max = options.CurrentValue.MaxChunkAttempts;
        var counts = new ChunkCounts(list.Count, Count(list, ChunkState.Planned), Count(list, ChunkState.Sending),
            Count(list, ChunkState.Sent), Count(list, ChunkState.Failed), Count(list, ChunkState.Uncertain));
        var problems = list
            .Where(c => c.State is ChunkState.Uncertain or ChunkState.Failed)
            .Select(c => new ChunkProblem(c.Index, c.State, c.RecipientCount, c.Attempts, Blank(c.LastError), c.ClaimedAt,
                c.State == ChunkState.Uncertain || c.Attempts >= max
                    ? $"/{Routes.Prefix}/moderation/newsletter/{post.RowKey}/chunks/{c.Index}/resend"
                    : null))
            .ToList();
        return new PostStatus(post.RowKey, post.PostId, post.Title, post.Url, post.Source, post.State, post.SkipReason,
            post.PublishedAt, post.FirstSeenAt, post.PlannedAt, post.CompletedAt, post.RecipientCount,
            list.Where(c => c.State == ChunkState.Sent).Sum(c => c.SentCount), counts, problems);
    }

    private async Task<FeedStatus?> FeedAsync(CancellationToken cancellationToken)
    {
        var url = options.CurrentValue.FeedUrl.Trim();
        if (url.Length == 0 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var state = await posts.GetFeedStateAsync(FeedStateEntity.KeyFor(uri.ToString()), cancellationToken);
        return state is not null
            ? new FeedStatus(uri.ToString(), state.LastSyncAt, state.LastChangedAt, state.LastItemCount, state.LastError)
            : new FeedStatus(uri.ToString(), null, null, 0, null);
    }

    private static int Count(List<ChunkEntity> list, string state) => list.Count(c => c.State == state);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
