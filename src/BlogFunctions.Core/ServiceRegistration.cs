using BlogFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core;

/// <summary>
/// What every feature's <c>AddXxx</c> uses to register itself: its options and its tables. Here, in
/// the root, rather than in the composition root (Hosting), which only the hosts may use.
/// </summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddBlogOptions<T>(this IServiceCollection services, string section, bool validate = false)
        where T : class
    {
        var builder = services.AddOptions<T>().BindConfiguration(section);
        if (validate)
        {
            builder.ValidateDataAnnotations().ValidateOnStart();
        }
        return services;
    }

    /// <summary>Registers a table the feature uses; it is created at start-up.</summary>
    public static IServiceCollection AddBlogTable(this IServiceCollection services, string name)
    {
        services.AddSingleton(new BlogTableName(name));
        return services;
    }
}
