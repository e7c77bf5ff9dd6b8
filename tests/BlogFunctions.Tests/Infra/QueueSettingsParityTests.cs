using System.Text.Json.Nodes;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// The SelfHost's queue pollers default to what host.json tells the Functions host, so a message
/// is retried, delayed and poisoned the same way under both hosts.
/// </summary>
public sealed class QueueSettingsParityTests
{
    [Fact]
    public void The_SelfHost_poller_defaults_are_host_json_extensions_queues()
    {
        var queues = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!["extensions"]!["queues"]!;
        var defaults = new QueueOptions();
        Assert.Equal(TimeSpan.Parse(queues["maxPollingInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(defaults.MaxPollingIntervalMilliseconds));
        Assert.Equal(TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(defaults.VisibilityTimeoutSeconds));
        Assert.Equal(queues["maxDequeueCount"]!.GetValue<int>(), defaults.MaxDequeueCount);
        Assert.Equal(queues["batchSize"]!.GetValue<int>(), defaults.BatchSize);
        // The Core sender writes Base64, which is what the host decodes with this setting.
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
    }

    [Fact]
    public void No_schedule_fires_more_often_than_hourly()
    {
        var bicep = File.ReadAllText(RepoPaths.Combine("infra", "main.bicep"));
        var schedules = System.Text.RegularExpressions.Regex.Matches(bicep, @"__Schedule: '([^']+)'").Select(m => m.Groups[1].Value).ToList();
        schedules.Add(Core.Newsletter.Dispatch.NewsletterDispatchOptions.DefaultSchedule);
        schedules.Add(Core.Hosting.MaintenanceOptions.DefaultSchedule);
        Assert.True(schedules.Count >= 4, string.Join(", ", schedules));
        foreach (var schedule in schedules)
        {
            var cron = NCrontab.CrontabSchedule.Parse(schedule, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true });
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var runs = cron.GetNextOccurrences(start, start.AddDays(1)).Count();
            Assert.True(runs <= 24, $"'{schedule}' runs {runs} times a day");
        }
    }
}
