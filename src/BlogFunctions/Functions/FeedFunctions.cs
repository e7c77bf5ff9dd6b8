using BlogFunctions.Core.Feeds;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class FeedFunctions(ApiPipeline api)
{
    [Function("GetPostCommentFeed")]
    public Task<IResult> Post([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FeedsApi.PostFeedTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(FeedsApi.PostFeed, req, ct);

    [Function("GetSiteCommentFeed")]
    public Task<IResult> Site([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FeedsApi.SiteFeedTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(FeedsApi.SiteFeed, req, ct);
}
