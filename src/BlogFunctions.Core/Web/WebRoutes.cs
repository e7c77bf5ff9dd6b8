using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Web;

public static class WebRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } = [];

    public static IServiceCollection AddWebFront(this IServiceCollection services) => services;
}
