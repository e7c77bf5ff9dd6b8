using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Newsletter;

public static class NewsletterRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } = [];

    public static IServiceCollection AddNewsletter(this IServiceCollection services) => services;
}
