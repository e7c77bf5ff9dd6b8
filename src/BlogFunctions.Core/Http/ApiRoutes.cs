using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Moderation;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Newsletter;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Web;

namespace BlogFunctions.Core.Http;

/// <summary>Every route of the API, feature by feature. Preflight (OPTIONS) and the catch-all NotFound are mapped apart (<see cref="PlatformApi"/>).</summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        .. PlatformApi.Routes,
        .. CommentsApi.Routes,
        .. ModerationApi.Routes,
        .. NewsletterPostsApi.Routes,
        .. WebApi.Routes,
        .. EmailApi.Routes,
        .. SubscriptionsApi.Routes,
        .. ModerationLinksApi.Routes,
    ];
}
