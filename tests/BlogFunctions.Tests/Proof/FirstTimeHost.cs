using System.Net;
using System.Text.Json.Nodes;
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

    /// <summary>Posts a comment from a fresh client address, with an authorToken when given; returns the status and JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Json)> PostAsync(string postId, string author, string email, string body,
        string? authorToken)
    {
        var ct = TestContext.Current.CancellationToken;
        var comment = ContractClient.CommentBody(await ContractClient.FormTokenAsync(Server.Client, postId, ct), author, body);
        comment["email"] = email;
        if (authorToken is not null)
        {
            comment["authorToken"] = authorToken;
        }
        using var response = await ContractClient.PostCommentAsync(Server.Client, postId, comment, TestIds.Ip(), ct);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?.AsObject() ?? []);
    }

    /// <summary>A moderator's approve, reject or spam.</summary>
    public Task<HttpResponseMessage> ModerateAsync(string postId, string commentId, string action) =>
        Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{postId}/{commentId}/{action}", UriKind.Relative), null,
            TestContext.Current.CancellationToken);

    public sealed class OnFunctions : FirstTimeHost
    {
        protected override HostKind Kind => HostKind.Functions;
    }
}
