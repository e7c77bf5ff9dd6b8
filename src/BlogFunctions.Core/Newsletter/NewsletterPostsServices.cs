using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Newsletter;

/// <summary>
/// The new-post half of the newsletter's services: posts, feed sync, chunked exactly-once dispatch.
/// Its routes are in <see cref="NewsletterPostsApi"/>.
/// </summary>
internal static class NewsletterPostsServices
{
    public static IServiceCollection AddNewsletterPosts(this IServiceCollection services)
    {
        services.AddBlogOptions<NewsletterDispatchOptions>(NewsletterDispatchOptions.Section, validate: true);
        services.AddBlogTable(PostEntity.TableName);
        services.AddBlogTable(ChunkEntity.TableName);
        services.AddBlogTable(SubscriberEntity.TableName);

        services.AddHttpClient(FeedFetcher.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("BlogFunctions-Newsletter/1.0"))
            .AddStandardResilienceHandler();

        services.AddSingleton<PostStore>();
        services.AddSingleton<IDeliveryPostTitles, NewsletterDeliveryTitles>();
        services.AddSingleton<IDeliveryPostTitles, DigestDeliveryTitles>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedSync>();
        services.AddSingleton<ChunkStore>();
        services.AddSingleton<ChunkRecipients>();
        services.AddSingleton<SubscriberScan>();
        services.AddSingleton<DigestGroups>();
        services.AddSingleton<WeeklyDigest>();
        services.AddSingleton<NewsletterMessages>();
        services.AddSingleton<ChunkSender>();
        services.AddSingleton<ChunkPlanner>();
        services.AddSingleton<ChunkDispatcher>();
        services.TryAddSingleton<INewsletterTransport, EmailNewsletterTransport>();
        services.TryAddSingleton<INewsletterEvents, NoNewsletterEvents>();
        services.AddSingleton<NewsletterJob>();
        services.AddSingleton<NewsletterSteps>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<NewsletterSteps>());
        services.AddSingleton<PostRegistrationHandler>();
        services.AddSingleton<NewsletterHandlers>();
        return services;
    }
}
