using System.Globalization;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;
using NCrontab;

namespace BlogFunctions.Bench;

/// <summary>
/// How many function executions an idle deployment runs a day: only timers fire without work,
/// and queue triggers execute only for a message. Counted from the schedules (the code's
/// defaults and infra/main.bicep's app settings), not timed; beside them the timers they replaced.
/// </summary>
internal static partial class IdleExecutions
{
    // Until the queues (#15): the moderator digest every minute and the newsletter every 15 minutes.
    private static readonly (string Name, string Schedule)[] Before =
        [("Moderation:DigestSchedule", "30 * * * * *"), ("Newsletter:Schedule", "0 */15 * * * *")];

    public static void Add(Report report, int maxPollingMilliseconds)
    {
        (string Name, string Schedule)[] defaults =
            [("Newsletter:Schedule", NewsletterDispatchOptions.DefaultSchedule), ("Maintenance:Schedule", MaintenanceOptions.DefaultSchedule)];
        var bicep = Bicep().ToList();
        var now = defaults.Sum(d => PerDay(d.Schedule));
        var before = Before.Sum(b => PerDay(b.Schedule));
        var deployed = bicep.Count == 0 ? "infra/main.bicep sets no __Schedule"
            : bicep.Select(b => b.Schedule).SequenceEqual(defaults.Select(d => d.Schedule)) && bicep.Select(b => b.Name).SequenceEqual(defaults.Select(d => d.Name))
                ? "infra/main.bicep sets the same"
                : "infra/main.bicep: " + Describe(bicep) + $" = {bicep.Sum(b => PerDay(b.Schedule)):N0}";
        // Polls are storage requests of the trigger, not executions; an instance that is running (the
        // SelfHost, a warm Functions instance) makes them at the longest interval when idle.
        var polls = WorkQueues.All.Count * (int)(TimeSpan.FromDays(1).TotalMilliseconds / maxPollingMilliseconds);
        report.Value("idle function executions a day (timers only; queue triggers run for a message)", $"{now:N0}",
            Report.Ratio(now, before) + " of before", "",
            $"now: {Describe(defaults)} (the code's defaults; {deployed}); before: {Describe(Before)} = {before:N0}; "
            + $"a running instance's idle queue polls at {maxPollingMilliseconds} ms: {WorkQueues.All.Count} queues × "
            + $"{polls / WorkQueues.All.Count:N0} = {polls:N0} storage requests a day, no executions");
    }

    /// <summary>Occurrences in one UTC day (2026-01-01; the expressions here do not depend on the date).</summary>
    public static int PerDay(string schedule)
    {
        var cron = CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var day = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // GetNextOccurrences is exclusive of its start: begin a tick earlier so midnight counts once.
        return cron.GetNextOccurrences(day.AddTicks(-1), day.AddDays(1)).Count();
    }

    private static string Describe(IEnumerable<(string Name, string Schedule)> schedules) =>
        string.Join(" + ", schedules.Select(s => $"{s.Name} {s.Schedule} = {PerDay(s.Schedule).ToString("N0", CultureInfo.InvariantCulture)}"));

    private static IEnumerable<(string Name, string Schedule)> Bicep()
    {
        var path = RepoPaths.Combine("infra", "main.bicep");
        if (!File.Exists(path))
        {
            yield break;
        }
        foreach (Match m in ScheduleSetting().Matches(File.ReadAllText(path)))
        {
            yield return ($"{m.Groups[1].Value}:Schedule", m.Groups[2].Value);
        }
    }

    [GeneratedRegex(@"(\w+)__Schedule:\s*'([^']*)'")]
    private static partial Regex ScheduleSetting();
}
