using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Feeds;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Imports;
using BlogFunctions.Core.Moderation;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Newsletter;
using BlogFunctions.Core.Newsletter.Preferences;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Notifications;
using BlogFunctions.Core.OpenApi;
using BlogFunctions.Core.Web;

namespace BlogFunctions.Core.Hosting;

/// <summary>
/// Every route of the API, feature by feature: part of the composition root, the one place that
/// knows every feature. Core gets them as a <see cref="RouteTable"/>; preflight (OPTIONS) and the
/// catch-all NotFound are mapped apart (<see cref="PlatformApi"/>).
/// </summary>
internal static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        .. PlatformApi.Routes,
        .. OpenApiApi.Routes,
        .. CommentsApi.Routes,
        .. ModerationApi.Routes,
        .. NewsletterPostsApi.Routes,
        .. WebApi.Routes,
        .. EmailApi.Routes,
        .. SubscriptionsApi.Routes,
        .. PreferencesApi.Routes,
        .. ModerationLinksApi.Routes,
        .. NotificationsApi.Routes,
        .. FeedsApi.Routes,
        .. ImportsApi.Routes,
    ];
}
