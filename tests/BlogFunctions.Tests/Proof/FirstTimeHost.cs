using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// A host in the default moderation mode, FirstTime (a first comment waits for a moderator, a known
/// author's is published at once), over its own Azurite, so the proofs about who counts as known
/// run against the setting a deployment has unless it chose another.
/// </summary>
public class FirstTimeHost : ProofFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Comments:Mode"] = "FirstTime",
    };

    public sealed class OnFunctions : FirstTimeHost
    {
        protected override HostKind Kind => HostKind.Functions;
    }
}
