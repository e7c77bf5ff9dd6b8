using System.Security.Cryptography;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Feeds;

/// <summary>Atom feeds of approved comments: one post's, and the whole site's newest.</summary>
internal static class FeedsApi
{
    public const string PostFeedTemplate = "posts/{postId}/comments.atom";
    public const string SiteFeedTemplate = "comments.atom";

    public static ApiRoute PostFeed { get; } = new("GetPostCommentFeed", "GET", PostFeedTemplate, RouteAccess.Public,
        $"Atom feed of a post's newest {CommentFeeds.MaxEntries} approved comments; ETag / If-None-Match.",
        (r, ct) => r.Service<CommentFeeds>().PostAsync(r, r.Route("postId"), ct))
    {
        Parameters = [ApiParameter.Header("If-None-Match", "The ETag of the feed read before: 304 while it is unchanged.")],
        Responses =
        [
            ApiResponse.Media(200, CommentFeeds.MediaType, "The feed"),
            ApiResponse.Empty(304, "Not modified since the ETag sent in If-None-Match"),
            ApiResponse.Problem(400, "invalid_post_id"),
        ],
    };

    public static ApiRoute SiteFeed { get; } = new("GetSiteCommentFeed", "GET", SiteFeedTemplate, RouteAccess.Public,
        $"Atom feed of the site's newest {CommentFeeds.MaxEntries} approved comments across posts; ETag / If-None-Match.",
        (r, ct) => r.Service<CommentFeeds>().SiteAsync(r, ct))
    {
        Parameters = [ApiParameter.Header("If-None-Match", "The ETag of the feed read before: 304 while it is unchanged.")],
        Responses =
        [
            ApiResponse.Media(200, CommentFeeds.MediaType, "The feed"),
            ApiResponse.Empty(304, "Not modified since the ETag sent in If-None-Match"),
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [PostFeed, SiteFeed];
}

/// <summary>
/// Builds the feeds and keeps them in the comments' read cache (a post's feed is dropped with its
/// pages when it is moderated on this instance; the site's lives <c>Comments:ReadCacheSeconds</c>).
/// </summary>
internal sealed class CommentFeeds(CommentStore store, CommentReadCache cache, IOptions<PublicUrlOptions> urls,
    IOptionsMonitor<WebOptions> web, IOptions<EmailOptions> email, TimeProvider time)
{
    public const int MaxEntries = 50;
    public const string MediaType = "application/atom+xml";
    private const string CacheKey = CacheAdmission.FeedKey;

    /// <summary>The site feed's place in the cache: not a post id (those never start with '~'), so no post's moderation drops it.</summary>
    private const string SiteKey = "~site";

    public async Task<IResult> PostAsync(HttpRequest request, string postId, CancellationToken cancellationToken)
    {
        CommentInput.PostId(postId);
        var page = await cache.GetAsync(postId, CacheKey, async () => Page(AtomWriter.Write(
            new FeedHead($"urn:blogfunctions:comments:{postId}", $"Comments on {postId}",
                urls.Value.Api(FeedsApi.PostFeedTemplate.Replace("{postId}", postId, StringComparison.Ordinal)).AbsoluteUri,
                web.CurrentValue.PostUrl(postId)),
            await store.NewestApprovedAsync(postId, MaxEntries, CancellationToken.None), web.CurrentValue.PostUrl, time.GetUtcNow())));
        return new FeedResult(page);
    }

    public async Task<IResult> SiteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await cache.GetAsync(SiteKey, CacheKey, async () => Page(AtomWriter.Write(
            new FeedHead("urn:blogfunctions:comments", $"{email.Value.FromName}: newest comments",
                urls.Value.Api(FeedsApi.SiteFeedTemplate).AbsoluteUri, null),
            await store.NewestApprovedEverywhereAsync(MaxEntries, CancellationToken.None), web.CurrentValue.PostUrl, time.GetUtcNow())));
        return new FeedResult(page);
    }

    private static CachedPage Page(byte[] bytes) =>
        new(bytes, "\"" + WebEncoders.Base64UrlEncode(SHA256.HashData(bytes).AsSpan(0, 18)) + "\"");

    /// <summary>The feed's bytes with their strong ETag, or 304 when the client has them.</summary>
    private sealed class FeedResult(CachedPage page) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.Headers.ETag = page.ETag;
            response.Headers.CacheControl = "public, max-age=60";
            if (CommentPageResult.ETagMatches(httpContext.Request.Headers.IfNoneMatch, page.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentType = MediaType + "; charset=utf-8";
            response.ContentLength = page.Body.Length;
            await response.Body.WriteAsync(page.Body, httpContext.RequestAborted);
        }
    }
}
