using BlogFunctions.Core.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Comments;

/// <summary>The comments feature's services; its routes are in <see cref="CommentsApi"/>.</summary>
internal static class CommentsServices
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddBlogOptions<CommentsOptions>(CommentsOptions.Section);
        foreach (var table in new[] { CommentTables.Comments, CommentTables.Index, CommentTables.Lookups, CommentTables.RateLimits })
        {
            services.AddBlogTable(table);
        }
        services.TryAddSingleton<ICommentNotifications, NoCommentNotifications>();
        services.TryAddSingleton<ICommentEvents, NoCommentEvents>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<CommentProjector>();
        services.AddSingleton<CommentProjectionService>();
        services.AddSingleton<CommentProjectionWork>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<CommentProjectionWork>());
        services.AddHostedService(sp => sp.GetRequiredService<CommentProjectionService>());
        services.AddSingleton<CommentReconciler>();
        services.AddSingleton<CommentReadCache>();
        services.AddSingleton<CommentReader>();
        services.AddSingleton<CommentPoster>();
        services.AddSingleton<FormTokens>();
        services.AddSingleton<AuthorTokens>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RateLimitCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<RateLimitCleanup>());
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<CommentHandlers>();
        services.AddSingleton<CommentStatusHandler>();
        return services;
    }
}
