using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Moderation.Notices;

/// <summary>Moderator emails for held comments: the notice recorder, the digest job and the one-click link routes.</summary>
public static class ModerationNoticeRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("ModerationActionPage", "GET", Routes.ModerationAction, RouteAccess.Public,
            "Page for a one-click link from a moderator email ('token' query): shows the held comment, its status and one button. Changes nothing. The signed token (7 days, single use) is the credential; 400 page when it is forged or expired.",
            (r, ct) => r.Service<ModerationLinkEndpoints>().PageAsync(r, ct)) { ContentType = "text/html" },
        new("ModerationAction", "POST", Routes.ModerationAction, RouteAccess.Public,
            "Applies the link's action (approve, reject, spam) once: form field 'token'. 200 result page; 400 page for a forged, expired or already used link; 409 page when the comment was already moderated by other means; nothing changed in either case.",
            (r, ct) => r.Service<ModerationLinkEndpoints>().ActAsync(r, ct)) { ContentType = "text/html" },
    ];

    public static IServiceCollection AddModerationNotices(this IServiceCollection services)
    {
        services.AddBlogTable(ModerationNoticeEntity.TableName);
        services.AddBlogTable(DigestStateEntity.TableName);
        services.AddBlogTable(UsedLinkEntity.TableName);
        // Replaces the comments feature's no-op; a host may still register its own after this.
        services.Replace(ServiceDescriptor.Singleton<ICommentHeldNotifier, ModerationNoticeRecorder>());
        services.TryAddSingleton<DigestFaults>();
        services.AddSingleton<ModerationLinkTokens>();
        services.AddSingleton<UsedLinkStore>();
        services.AddSingleton<UsedLinkCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<UsedLinkCleanup>());
        services.AddSingleton<DigestStateStore>();
        services.AddSingleton<DigestBatchReader>();
        services.AddSingleton<ModerationDigestMail>();
        services.AddSingleton<ModerationDigestJob>();
        services.AddSingleton<ModerationLinkPages>();
        services.AddSingleton<ModerationLinkEndpoints>();
        return services;
    }
}
