namespace BlogFunctions.SelfHost;

/// <summary>Development only: lists the emails the dev outbox wrote under .outbox/ at /dev/outbox.</summary>
internal static class DevOutbox
{
    public static IServiceCollection AddDevOutbox(this IServiceCollection services, IWebHostEnvironment environment)
    {
        _ = environment;
        return services;
    }

    public static WebApplication MapDevOutbox(this WebApplication app) => app;
}
