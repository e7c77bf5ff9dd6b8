using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// Moderator emails for held comments: the notice recorder, the digest job and the one-click links
/// (their routes are in <see cref="ModerationLinksApi"/>).
/// </summary>
internal static class ModerationNoticesServices
{
    public static IServiceCollection AddModerationNotices(this IServiceCollection services)
    {
        services.AddBlogTable(ModerationNoticeEntity.TableName);
        services.AddBlogTable(DigestStateEntity.TableName);
        services.AddBlogTable(UsedLinkEntity.TableName);
        services.AddSingleton<ModerationNoticeRecorder>();
        services.AddSingleton<ModerationLinkTokens>();
        services.AddSingleton<UsedLinkStore>();
        services.AddSingleton<UsedLinkCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<UsedLinkCleanup>());
        services.AddSingleton<DigestStateStore>();
        services.AddSingleton<ModerationNoticeStore>();
        services.AddSingleton<DigestBatchReader>();
        services.AddSingleton<ModerationDigestMail>();
        services.AddSingleton<ModerationDigestJob>();
        services.AddSingleton<ModerationDigestWork>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<ModerationDigestWork>());
        services.AddSingleton<ModerationLinkPages>();
        services.AddSingleton<ModerationLinkHandler>();
        return services;
    }
}
