using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Comments;

public static class CommentRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } = [];

    public static IServiceCollection AddComments(this IServiceCollection services) => services;
}
