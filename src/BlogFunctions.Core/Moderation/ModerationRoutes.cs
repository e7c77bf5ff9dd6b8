using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Moderation;

public static class ModerationRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } = [];

    public static IServiceCollection AddModeration(this IServiceCollection services) => services;
}
