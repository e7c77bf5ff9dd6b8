using BlogFunctions.Core.Http;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// Issue #18, "feature folders without cycles", over the compiled assembly (see <see cref="TypeReferences"/>).
/// A folder is the namespace segment after BlogFunctions.Core. The features may use each other
/// only one way round; the shared folders below them never use a feature; only the composition
/// root (Hosting) sees everything, and nothing uses it.
/// </summary>
public sealed class FeatureCycleTests
{
    private static readonly string[] Features = ["Comments", "Moderation", "Newsletter", "Notifications", "Feeds", "Email", "Web", "Webhooks", "Imports"];
    private static readonly string[] Shared = ["Domain", "Security", "Storage", "Http", "Queues", "OpenApi", "(root)"];

    private static readonly Lazy<Dictionary<(string From, string To), List<string>>> Edges = new(() =>
    {
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var (type, used) in TypeReferences.Of(typeof(ApiRoute).Assembly))
        {
            foreach (var target in used)
            {
                var (from, to) = (FolderOf(type), FolderOf(target));
                if (from != to && from != "(generated)" && to != "(generated)")
                {
                    if (!edges.TryGetValue((from, to), out var why))
                    {
                        edges[(from, to)] = why = [];
                    }
                    why.Add($"{type.Name} → {target.Name}");
                }
            }
        }
        return edges;
    });

    [Fact]
    public void The_scan_sees_the_dependencies_it_must()
    {
        // Guards the scanner: a constructor dependency, and a static call seen only in IL.
        Assert.Contains(("Moderation", "Comments"), Edges.Value.Keys);
        Assert.Contains(("Comments", "Domain"), Edges.Value.Keys);
        Assert.Contains(("Hosting", "Comments"), Edges.Value.Keys);
    }

    [Fact]
    public void Shared_folders_never_use_a_feature_or_the_composition_root()
    {
        var bad = Edges.Value.Where(e => Shared.Contains(e.Key.From) && (Features.Contains(e.Key.To) || e.Key.To == "Hosting"))
            .Select(Describe).ToList();
        Assert.True(bad.Count == 0, "Shared code reaching up:\n" + string.Join('\n', bad));
    }

    [Fact]
    public void Nothing_but_the_hosts_uses_the_composition_root()
    {
        var bad = Edges.Value.Where(e => e.Key.To == "Hosting").Select(Describe).ToList();
        Assert.True(bad.Count == 0, "Uses of Hosting from inside Core:\n" + string.Join('\n', bad));
    }

    [Fact]
    public void Features_depend_on_each_other_one_way_only()
    {
        var pairs = Edges.Value.Keys.Where(k => Features.Contains(k.From) && Features.Contains(k.To)).ToHashSet();
        var cycles = pairs.Where(p => string.CompareOrdinal(p.From, p.To) < 0 && pairs.Contains((p.To, p.From)))
            .Select(p => Describe(Edges.Value.First(e => e.Key == p)) + "\n  and back:\n" + Describe(Edges.Value.First(e => e.Key == (p.To, p.From))))
            .ToList();
        Assert.True(cycles.Count == 0, "Feature cycles:\n" + string.Join('\n', cycles));
        // Longer cycles: a topological order must exist.
        var remaining = Features.ToHashSet();
        while (remaining.Count > 0)
        {
            var leaf = remaining.FirstOrDefault(f => !pairs.Any(p => p.From == f && remaining.Contains(p.To)));
            Assert.True(leaf is not null, "A cycle among: " + string.Join(", ", remaining));
            remaining.Remove(leaf!);
        }
    }

    private static string Describe(KeyValuePair<(string From, string To), List<string>> edge) =>
        $"{edge.Key.From} → {edge.Key.To}: {string.Join(", ", edge.Value.Distinct().Take(6))}";

    private static string FolderOf(Type type)
    {
        var ns = type.Namespace ?? "";
        if (!ns.StartsWith("BlogFunctions.Core", StringComparison.Ordinal))
        {
            return "(generated)"; // e.g. System.Text.RegularExpressions.Generated, <PrivateImplementationDetails>
        }
        var parts = ns.Split('.');
        return parts.Length > 2 ? parts[2] : "(root)";
    }
}
