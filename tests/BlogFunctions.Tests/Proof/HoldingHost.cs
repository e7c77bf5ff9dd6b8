using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>A host that holds every comment (so each starts pending, as one-click links need), over its own Azurite.</summary>
public class HoldingHost : ProofFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Comments:Mode"] = "All" };

    public sealed class OnFunctions : HoldingHost
    {
        protected override HostKind Kind => HostKind.Functions;
    }
}
