using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Web;

public static class WebRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("EmbedComments", "GET", Routes.EmbedComments, RouteAccess.Public,
            "The comments widget (script with its CSS). Add ?v=<version> for a year-long cache.",
            (r, _) => r.Service<WebEndpoints>().CommentsScriptAsync(r))
        { ContentType = "text/javascript" },
        new("EmbedCommentsCss", "GET", Routes.EmbedCommentsCss, RouteAccess.Public,
            "The widget's stylesheet; the widget links it itself. Add ?v=<version> for a year-long cache.",
            (r, _) => r.Service<WebEndpoints>().CommentsStyleAsync(r))
        { ContentType = "text/css" },
        new("EmbedCount", "GET", Routes.EmbedCount, RouteAccess.Public,
            "Fills every [data-comment-count] element of a page from one comment-counts request.",
            (r, _) => r.Service<WebEndpoints>().CountScriptAsync(r))
        { ContentType = "text/javascript" },
        new("ModerationUi", "GET", Routes.ModerationUi, RouteAccess.Public,
            "The moderation page. It holds no data; each call it makes needs the moderator key.",
            (r, _) => r.Service<WebEndpoints>().ModerationPageAsync(r))
        { ContentType = "text/html" },
    ];

    public static IServiceCollection AddWebFront(this IServiceCollection services)
    {
        services.AddBlogOptions<WebOptions>(WebOptions.Section);
        services.AddSingleton<WebAssetCatalog>();
        services.AddSingleton<WebEndpoints>();
        return services;
    }
}
