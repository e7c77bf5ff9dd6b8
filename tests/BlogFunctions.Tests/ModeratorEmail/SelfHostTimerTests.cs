using BlogFunctions.SelfHost;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>The SelfHost runs every scheduled job of the Functions app, each on its own setting.</summary>
public sealed class SelfHostTimerTests(BlogFixture fixture)
{
    // 1 January, midnight: the timers exist but do not fire while a test runs (they would race other tests).
    private const string Never = "0 0 0 1 1 *";

    [Theory]
    [InlineData(Never, Never, new[] { "Maintenance", "Newsletter" })]
    [InlineData(Never, "", new[] { "Newsletter" })]
    [InlineData("", Never, new[] { "Maintenance" })]
    public async Task Each_schedule_gets_its_own_timer_and_an_empty_one_none(string newsletter, string maintenance, string[] expected)
    {
        var running = await TimersAsync(new Dictionary<string, string?>
        {
            ["SelfHost:Timers"] = "true",
            ["Newsletter:Schedule"] = newsletter,
            ["Maintenance:Schedule"] = maintenance,
        });
        Assert.Equal(expected, running);
    }

    [Fact]
    public async Task Test_servers_run_no_timer()
    {
        // BlogServer's defaults say SelfHost:Timers=false; the setting is added after AddBlogCore, as a host's would be.
        Assert.Empty(await TimersAsync(new Dictionary<string, string?>
        {
            ["Newsletter:Schedule"] = Never,
            ["Maintenance:Schedule"] = Never,
        }));
    }

    private async Task<List<string>> TimersAsync(Dictionary<string, string?> settings)
    {
        await using var server = await fixture.StartServerAsync(settings);
        return [.. server.Services.GetServices<IHostedService>().OfType<CronTimer>()
            .Where(t => t.Enabled).Select(t => t.Name).Order(StringComparer.Ordinal)];
    }
}
