using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class NewsletterPostFunctions(ApiPipeline api)
{
    [Function("RegisterPost")]
    public Task<IResult> RegisterPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NewsletterPostsApi.PostsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NewsletterPostsApi.RegisterPost, req, ct);

    [Function("NewsletterStatus")]
    public Task<IResult> NewsletterStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NewsletterPostsApi.StatusTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NewsletterPostsApi.NewsletterStatus, req, ct);

    [Function("NewsletterRun")]
    public Task<IResult> NewsletterRun([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NewsletterPostsApi.RunTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NewsletterPostsApi.NewsletterRun, req, ct);

    [Function("NewsletterResendChunk")]
    public Task<IResult> NewsletterResendChunk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NewsletterPostsApi.ResendTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(NewsletterPostsApi.NewsletterResendChunk, req, ct);
}
