using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Web;

/// <summary>The web front's services; its routes are in <see cref="WebApi"/>.</summary>
internal static class WebServices
{
    public static IServiceCollection AddWebFront(this IServiceCollection services)
    {
        services.AddBlogOptions<WebOptions>(WebOptions.Section);
        services.AddSingleton<WebAssetCatalog>();
        return services;
    }
}
