using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// A host configured as a deployment is (forwarded-for trusted, per-IP limits on, App Service
/// principals trusted by setting) with a long read cache and two-comment pages, over its own Azurite;
/// plus a second SelfHost over the same storage, whose writes this host's cache does not hear of.
/// </summary>
public class HardenedHost : ProofFixture
{
    public const int CommentLimit = 3;

    /// <summary>Another instance: changes made through it reach storage but not the host's read cache.</summary>
    public IBlogHost OtherInstance { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Comments:Mode"] = "None",
        ["Comments:RateLimit:Count"] = CommentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Comments:RateLimit:WindowSeconds"] = "600",
        ["Comments:ReadCacheSeconds"] = "120",
        ["Comments:PageSize"] = "2",
        ["Moderation:TrustAppServiceAuthentication"] = "true",
    };

    protected override async Task OnStartedAsync() =>
        OtherInstance = await BlogServer.StartAsync(ConnectionString, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });

    public override async ValueTask DisposeAsync()
    {
        if (OtherInstance is not null)
        {
            await OtherInstance.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    /// <summary>
    /// Posts a comment as a client behind the given X-Forwarded-For header, with an address of its own
    /// (so only the per-IP limit can apply); returns the status and JSON.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonObject Json)> PostAsync(string postId, string forwardedFor, string body,
        string author = "Ada Reader", IBlogHost? via = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = (via ?? Server).Client;
        var token = await ContractClient.FormTokenAsync(client, postId, ct);
        var comment = ContractClient.CommentBody(token, author, body);
        comment["email"] = $"reader-{Guid.NewGuid():N}@example.com";
        using var response = await ContractClient.PostCommentAsync(client, postId, comment, forwardedFor, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, JsonNode.Parse(text)?.AsObject() ?? []);
    }

    public sealed class OnFunctions : HardenedHost
    {
        protected override HostKind Kind => HostKind.Functions;
    }
}
