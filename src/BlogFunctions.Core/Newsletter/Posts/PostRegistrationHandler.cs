using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Feed;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>
/// POST /api/posts: registers a post for blogs without a feed. The same rules as the feed apply:
/// known ids are never queued again, and posts older than MaxAgeDays are recorded unsent.
/// </summary>
internal sealed class PostRegistrationHandler(PostStore posts, NewsletterSteps queue, IOptionsMonitor<NewsletterDispatchOptions> options,
    TimeProvider time)
{
    public async Task<IResult> RegisterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, PostJson.Default.PostRegistration, cancellationToken: cancellationToken);
        var item = Validate(body);
        var now = time.GetUtcNow();
        var post = FeedSync.NewPost(item with { PublishedAt = item.PublishedAt ?? now }, "api", now,
            options.CurrentValue.MaxAgeDays, firstSync: false);
        if (await posts.AddIfNewAsync(post, cancellationToken))
        {
            if (post.State == PostState.Pending)
            {
                // Stored: if the message cannot be sent, the hourly sync plans the post instead.
                await queue.TryEnqueuePlanAsync(post.RowKey, cancellationToken);
            }
            return Results.Json(new PostRegistered(post.RowKey, post.PostId, true, post.State, post.SkipReason), PostJson.Default.PostRegistered,
                statusCode: 201).WithHeader("Location", "moderation/newsletter");
        }
        var existing = await posts.GetAsync(post.RowKey, cancellationToken) ?? post;
        return Results.Json(new PostRegistered(existing.RowKey, existing.PostId, false, existing.State, existing.SkipReason), PostJson.Default.PostRegistered);
    }

    internal static FeedItem Validate(PostRegistration body)
    {
        var id = body.Id?.Trim() ?? "";
        if (id.Length is 0 or > 200 || id.Any(char.IsControl))
        {
            throw ProblemException.Validation("invalid_post_id", "id is required: 1 to 200 characters, no control characters.", "id");
        }
        var title = body.Title?.Trim() ?? "";
        if (title.Length is 0 or > 300 || title.Any(char.IsControl))
        {
            throw ProblemException.Validation("invalid_title", "title is required: 1 to 300 characters on one line.", "title");
        }
        var url = body.Url?.Trim() ?? "";
        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw ProblemException.Validation("invalid_url", "url is required: an absolute http(s) URL of the post.", "url");
        }
        var summary = body.Summary?.Trim() ?? "";
        if (summary.Length > 2000)
        {
            throw ProblemException.Validation("invalid_summary", "summary is at most 2,000 characters.", "summary");
        }
        return new FeedItem(id, title, uri.ToString(), PlainText.FromHtml(summary), body.PublishedAt);
    }
}
