using System.Text.Json.Nodes;
using BlogFunctions.Tests.FunctionsHost;

namespace BlogFunctions.Tests.Platform;

/// <summary>
/// Worker, Worker.Core and Worker.Grpc ship together and call each other's internals: a Worker
/// 2.51.0 beside a Worker.Core 2.52.0 (pulled in by another package) built fine and failed every
/// invocation with MissingMethodException. The built app's deps.json must name one version.
/// </summary>
public sealed class WorkerVersionTests
{
    private static readonly string[] Lockstep = ["Microsoft.Azure.Functions.Worker", "Microsoft.Azure.Functions.Worker.Core", "Microsoft.Azure.Functions.Worker.Grpc"];

    [Fact]
    public void The_built_app_carries_one_version_of_the_worker_packages()
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(WorkerProcess.AppDirectory, "BlogFunctions.deps.json")))!;
        var versions = LockstepVersions(deps);
        Assert.Equal(Lockstep, versions.Keys.Order(StringComparer.Ordinal));
        Assert.True(versions.Values.Distinct().Count() == 1, "worker packages disagree: " + string.Join(", ", versions.Select(v => $"{v.Key} {v.Value}")));
    }

    [Fact]
    public void The_check_sees_the_skew_that_broke_every_invocation()
    {
        var skewed = JsonNode.Parse("""
            {"libraries":{
              "Microsoft.Azure.Functions.Worker/2.51.0":{"type":"package"},
              "Microsoft.Azure.Functions.Worker.Core/2.52.0":{"type":"package"},
              "Microsoft.Azure.Functions.Worker.Grpc/2.51.0":{"type":"package"},
              "Microsoft.Azure.Functions.Worker.ApplicationInsights/2.51.0":{"type":"package"}}}
            """)!;
        Assert.Equal(2, LockstepVersions(skewed).Values.Distinct().Count());
    }

    private static Dictionary<string, string> LockstepVersions(JsonNode deps) =>
        deps["libraries"]!.AsObject()
            .Select(l => l.Key.Split('/'))
            .Where(parts => Lockstep.Contains(parts[0], StringComparer.Ordinal))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
