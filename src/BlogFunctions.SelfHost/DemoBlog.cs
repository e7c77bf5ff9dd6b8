namespace BlogFunctions.SelfHost;

/// <summary>Development only: serves the demo blog on a second origin so CORS is exercised for real.</summary>
internal static class DemoBlog
{
    public static IServiceCollection AddDemoBlog(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        _ = configuration;
        _ = environment;
        return services;
    }

    public static WebApplication MapDemoBlog(this WebApplication app) => app;
}
