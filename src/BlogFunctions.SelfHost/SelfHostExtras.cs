namespace BlogFunctions.SelfHost;

/// <summary>What only the SelfHost has: timers (the Functions app has TimerTriggers) and development aids.</summary>
internal static class SelfHostExtras
{
    public static IServiceCollection AddSelfHostExtras(this IServiceCollection services) =>
        services
            .AddSelfHostTimers()
            .AddDemoBlog();

    public static WebApplication MapSelfHostExtras(this WebApplication app) => app.MapDevOutbox();
}
