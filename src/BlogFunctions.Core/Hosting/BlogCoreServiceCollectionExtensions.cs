using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Feeds;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Imports;
using BlogFunctions.Core.Moderation;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Newsletter;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Notifications;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;
using BlogFunctions.Core.Web;
using BlogFunctions.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Hosting;

public static class BlogCoreServiceCollectionExtensions
{
    /// <summary>Everything both hosts need: options, storage, the HTTP pipeline and every feature.</summary>
    public static IServiceCollection AddBlogCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddBlogOptions<SecurityOptions>(SecurityOptions.Section, validate: true);
        services.AddSingleton<IValidateOptions<SecurityOptions>, UnresolvedKeyVaultReferences>();
        services.AddSingleton<IValidateOptions<SecurityOptions>, WeakSecrets>();
        services.AddBlogOptions<ModerationOptions>(ModerationOptions.Section);
        services.AddBlogOptions<CorsOptions>(CorsOptions.Section);
        services.AddBlogOptions<ClientIpOptions>(ClientIpOptions.Section);
        services.AddOptions<PublicUrlOptions>().BindConfiguration("");

        services.AddBlogStorage();
        services.AddWorkQueues();
        services.AddBlogOptions<MaintenanceOptions>(MaintenanceOptions.Section);
        services.AddSingleton<HourlySweep>();
        services.AddSingleton<Signer>();
        // The Functions app registers App Service's answer first; elsewhere no platform vouches for a principal.
        services.TryAddSingleton(PlatformAuthentication.None);
        services.AddSingleton<ModeratorAuth>();
        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton(new RouteTable(ApiRoutes.All));
        services.AddSingleton<OpenApi.OpenApiDocumentBuilder>();

        // The contracts one feature offers another, wired here and only here: who is told about a
        // held comment (the moderator digest), and who erases a subscriber's comments (moderation).
        services.AddSingleton<ICommentHeldNotifier>(sp => sp.GetRequiredService<ModerationNoticeRecorder>());
        services.AddSingleton<ICommentPersonalDataEraser>(sp => sp.GetRequiredService<PersonalDataEraser>());
        // Who hears of a comment's sign-ups and approvals (reader notifications).
        services.AddSingleton<ICommentNotifications>(sp => sp.GetRequiredService<CommentNotifications>());
        // The threads a newsletter reader follows, for the preference page (reader notifications).
        services.AddSingleton<Newsletter.Preferences.IFollowedThreads>(sp => sp.GetRequiredService<FollowedThreads>());
        // Who hears of comment, subscriber and newsletter events to POST them out (webhooks).
        services.AddSingleton<ICommentEvents>(sp => sp.GetRequiredService<WebhookPublisher>());
        services.AddSingleton<INewsletterEvents>(sp => sp.GetRequiredService<WebhookPublisher>());

        return services
            .AddComments()
            .AddModeration()
            .AddNewsletterPosts()
            .AddWebFront()
            .AddEmail()
            .AddSubscriptions()
            .AddModerationNotices()
            .AddReaderNotifications()
            .AddCommentFeeds()
            .AddWebhooks()
            .AddImports();
    }

    public static IServiceCollection AddBlogStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => TableServiceClientFactory.Create(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<BlogTables>();
        services.TryAddSingleton<TableInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<TableInitializer>());
        return services;
    }
}
