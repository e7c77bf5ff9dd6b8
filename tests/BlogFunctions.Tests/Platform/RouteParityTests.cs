using System.Text.Json.Nodes;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Tests.FunctionsHost;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Platform;

/// <summary>
/// The Functions app's routes as the host sees them: the functions.metadata the build wrote (and
/// the worker indexed), under host.json's route prefix, against what the SelfHost serves.
/// </summary>
public sealed class RouteParityTests(BlogFixture stack)
{
    private static readonly JsonArray Metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkerProcess.AppDirectory, "functions.metadata")))!.AsArray();

    private static IEnumerable<(string Name, JsonObject Trigger)> Triggers => Metadata
        .Select(f => ((string)f!["name"]!, f["bindings"]!.AsArray().Select(b => b!.AsObject()).First(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal))));

    private static IEnumerable<(string Name, JsonObject Trigger)> HttpTriggers => Triggers.Where(t => (string)t.Trigger["type"]! == "httpTrigger");

    [Fact]
    public void Functions_app_and_SelfHost_expose_the_same_routes()
    {
        var selfHost = stack.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m.ToUpperInvariant()} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(r => r.Contains(" " + Routes.Prefix + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var prefix = HttpFunctionRoutes.PrefixFrom(WorkerProcess.AppDirectory);
        var functions = HttpTriggers.Where(t => t.Name != "NotFound")
            .SelectMany(t => t.Trigger["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} {prefix}/{(string)t.Trigger["route"]!}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(functions);
        Assert.Equal(selfHost, functions);
    }

    [Fact]
    public void Unmatched_paths_reach_the_catch_all_for_every_method_but_OPTIONS()
    {
        var notFound = Assert.Single(HttpTriggers, t => t.Name == "NotFound").Trigger;
        Assert.Equal("{*path}", (string)notFound["route"]!);
        Assert.Equal(["delete", "get", "head", "patch", "post", "put"], notFound["methods"]!.AsArray().Select(m => (string)m!).Order());
    }

    [Fact]
    public void Every_http_trigger_is_anonymous_because_Core_checks_credentials()
    {
        Assert.All(HttpTriggers, t => Assert.Equal("Anonymous", (string)t.Trigger["authLevel"]!));
    }

    [Fact]
    public void Every_api_route_has_a_function_of_the_same_name()
    {
        var names = Triggers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(ApiRoutes.All, r => Assert.Contains(r.Name, names));
    }

    [Fact]
    public void Timers_take_their_schedules_from_app_settings()
    {
        var timers = Triggers.Where(t => (string)t.Trigger["type"]! == "timerTrigger").ToDictionary(t => t.Name, t => (string)t.Trigger["schedule"]!);
        Assert.Equal("%Newsletter:Schedule%", timers["NewsletterTimer"]);
        Assert.Equal("%Maintenance:Schedule%", timers["MaintenanceTimer"]);
        Assert.Equal(2, timers.Count);
    }

    [Fact]
    public void Every_work_queue_has_one_queue_trigger_over_the_default_storage_connection()
    {
        var queues = Triggers.Where(t => (string)t.Trigger["type"]! == "queueTrigger").ToList();
        Assert.Equal(Core.Queues.WorkQueues.All.Order(StringComparer.Ordinal),
            queues.Select(t => (string)t.Trigger["queueName"]!).Order(StringComparer.Ordinal));
        // No connection named: the host uses AzureWebJobsStorage, which Bicep sets by identity (__accountName).
        Assert.All(queues, t => Assert.True(t.Trigger["connection"] is null || (string?)t.Trigger["connection"] is "" or "AzureWebJobsStorage"));
    }

    [Fact]
    public void The_worker_indexes_exactly_what_the_build_wrote()
    {
        Assert.Equal(Triggers.Select(t => t.Name).Order(StringComparer.Ordinal), stack.Functions.Functions.Keys.Order(StringComparer.Ordinal));
    }
}
