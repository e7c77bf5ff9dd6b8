using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Newsletter;

/// <summary>The new-post half of the newsletter: posts, feed sync, chunked exactly-once dispatch.</summary>
public static class NewsletterPostRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("RegisterPost", "POST", Routes.Posts, RouteAccess.Moderator,
            "Registers a post for the newsletter (blogs without a feed); 201 when new, 200 when known.",
            (r, ct) => r.Service<PostEndpoints>().RegisterAsync(r, ct)),
        new("NewsletterStatus", "GET", Routes.ModerationNewsletter, RouteAccess.Moderator,
            "Per post: planned, sent, failed and uncertain chunks, with resend links.",
            (r, ct) => r.Service<NewsletterEndpoints>().StatusAsync(r, ct)),
        new("NewsletterRun", "POST", Routes.ModerationNewsletterRun, RouteAccess.Moderator,
            "Runs the newsletter timer's work now: feed sync, planning, sending.",
            (r, ct) => r.Service<NewsletterEndpoints>().RunAsync(r, ct)),
        new("NewsletterResendChunk", "POST", Routes.ModerationNewsletterResend, RouteAccess.Moderator,
            "Sends an uncertain or failed chunk again (a moderator's decision) and reports its outcome.",
            (r, ct) => r.Service<NewsletterEndpoints>().ResendAsync(r, r.Route("postKey"), r.Route("chunk"), ct)),
    ];

    public static IServiceCollection AddNewsletterPosts(this IServiceCollection services)
    {
        services.AddBlogOptions<NewsletterDispatchOptions>(NewsletterDispatchOptions.Section, validate: true);
        services.AddBlogTable(PostEntity.TableName);
        services.AddBlogTable(ChunkEntity.TableName);
        services.AddBlogTable(SubscriberEntity.TableName);

        services.AddHttpClient(FeedFetcher.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("BlogFunctions-Newsletter/1.0"))
            .AddStandardResilienceHandler();

        services.AddSingleton<PostStore>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedSync>();
        services.AddSingleton<ChunkStore>();
        services.AddSingleton<ChunkRecipients>();
        services.AddSingleton<SubscriberScan>();
        services.AddSingleton<ChunkSender>();
        services.AddSingleton<ChunkPlanner>();
        services.AddSingleton<ChunkDispatcher>();
        services.TryAddSingleton<DispatchFaults>();
        services.TryAddSingleton<INewsletterTransport, EmailNewsletterTransport>();
        services.AddSingleton<NewsletterJob>();
        services.AddSingleton<PostEndpoints>();
        services.AddSingleton<NewsletterEndpoints>();
        return services;
    }
}
