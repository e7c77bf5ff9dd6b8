using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class NewsletterPostFunctions(PostEndpoints posts, NewsletterEndpoints newsletter)
{
    [Function("RegisterPost")]
    public Task<IResult> RegisterPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Posts)] HttpRequest req, CancellationToken ct) => posts.RegisterAsync(req, ct);

    [Function("NewsletterStatus")]
    public Task<IResult> NewsletterStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationNewsletter)] HttpRequest req, CancellationToken ct) => newsletter.StatusAsync(req, ct);

    [Function("NewsletterRun")]
    public Task<IResult> NewsletterRun([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationNewsletterRun)] HttpRequest req, CancellationToken ct) => newsletter.RunAsync(req, ct);

    [Function("NewsletterResendChunk")]
    public Task<IResult> NewsletterResendChunk([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationNewsletterResend)] HttpRequest req, string postKey, string chunk, CancellationToken ct) => newsletter.ResendAsync(req, postKey, chunk, ct);
}
