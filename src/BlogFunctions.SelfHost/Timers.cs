using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Newsletter.Dispatch;
using NCrontab;

namespace BlogFunctions.SelfHost;

/// <summary>Runs Core's scheduled work on the same NCrontab expressions as the Functions TimerTriggers.</summary>
internal static class Timers
{
    /// <summary>Set to false to run no timer at all (the test servers do; tests run the work through the API).</summary>
    public const string EnabledSetting = "SelfHost:Timers";

    public static IServiceCollection AddSelfHostTimers(this IServiceCollection services)
    {
        Add(services, "Newsletter", $"{NewsletterDispatchOptions.Section}:Schedule", NewsletterDispatchOptions.DefaultSchedule,
            sp => ct => sp.GetRequiredService<NewsletterSteps>().SyncAsync(ct));
        Add(services, "Maintenance", $"{MaintenanceOptions.Section}:Schedule", MaintenanceOptions.DefaultSchedule,
            sp => ct => sp.GetRequiredService<HourlySweep>().RunAsync(ct));
        return services;
    }

    private static void Add(IServiceCollection services, string name, string setting, string defaultSchedule,
        Func<IServiceProvider, Func<CancellationToken, Task>> work)
    {
        // Not AddHostedService: it registers with TryAddEnumerable, which keeps only the first
        // factory of one implementation type, so a second CronTimer would silently never run.
        // Settings are read from the built configuration (not the builder's), so sources added
        // after AddBlogCore, like a test's in-memory settings, count too.
        services.AddSingleton<IHostedService>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var schedule = configuration[setting] ?? defaultSchedule;
            // Parse at start-up: a bad expression should stop it, as it does in Azure Functions.
            var parsed = !configuration.GetValue(EnabledSetting, true) || string.IsNullOrWhiteSpace(schedule)
                ? null
                : CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            return new CronTimer(name, parsed, work(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CronTimer>>());
        });
    }
}

/// <summary>
/// One scheduled job: waits for the next occurrence, runs, repeats. Like the Functions timer,
/// occurrences missed while a run is still going are skipped, never run twice.
/// </summary>
internal sealed partial class CronTimer(string name, CrontabSchedule? schedule, Func<CancellationToken, Task> work,
    TimeProvider time, ILogger<CronTimer> logger) : BackgroundService
{
    public string Name => name;

    /// <summary>False when timers are off or the schedule is empty: then it does nothing.</summary>
    public bool Enabled => schedule is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (schedule is not null && !stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            LogNext(logger, name, next);
            await Task.Delay(next - now, time, stoppingToken);
            try
            {
                await work(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed run (storage down, say) must not end the timer: the next tick resumes.
                LogFailed(logger, e, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Name}: next run at {Next:o}")]
    private static partial void LogNext(ILogger logger, string name, DateTime next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Name}: the run failed; the next occurrence retries")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);
}
