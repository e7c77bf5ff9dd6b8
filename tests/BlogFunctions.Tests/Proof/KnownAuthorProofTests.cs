using System.Net;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Issue #14, fault 4: in FirstTime mode a name and an email are not proof of anything, anyone can
/// type them. Only the signed authorToken the POST answer handed out, naming a comment that is
/// approved now and carrying the same name and address, makes its holder a known author.
/// </summary>
public abstract class KnownAuthorProofTests(FirstTimeHost host)
{
    private const string Owner = "Blog Owner";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_impostor_with_the_owners_name_and_email_is_held()
    {
        var (post, owner) = (TestIds.Post("ka"), await OwnerAsync());
        var (status, json) = await host.PostAsync(post, Owner, owner.Email, "Buy now at https://evil.example/deal", authorToken: null);
        await AssertHeldAsync(post, status, json);
    }

    [Theory]
    [InlineData("garbled")]
    [InlineData("mac_changed")]
    [InlineData("other_purpose")]
    [InlineData("form_token")]
    [InlineData("other_email")]
    [InlineData("other_name")]
    [InlineData("over_long")]
    public async Task A_forged_or_borrowed_token_is_treated_as_no_token(string forgery)
    {
        var (post, owner) = (TestIds.Post("ka"), await OwnerAsync());
        var (author, email, token) = forgery switch
        {
            "garbled" => (Owner, owner.Email, "not-a-token"),
            "mac_changed" => (Owner, owner.Email, owner.Token[..^2] + (owner.Token[^2] == 'A' ? "BA" : "AA")),
            "other_purpose" => (Owner, owner.Email, Signer.Sign("comment-form", Payload(owner.Token))),
            "form_token" => (Owner, owner.Email, await ContractClient.FormTokenAsync(host.Server.Client, post, Ct)),
            "other_email" => (Owner, $"impostor-{Guid.NewGuid():N}@example.com", owner.Token),
            "other_name" => ("Blog 0wner", owner.Email, owner.Token),
            _ => (Owner, owner.Email, owner.Token + new string('A', 6000)),
        };
        var (status, json) = await host.PostAsync(post, author, email, "Trust me, I am the owner.", token);
        await AssertHeldAsync(post, status, json);
    }

    [Fact]
    public async Task The_owner_with_the_token_is_published_at_once_on_any_post_and_gets_a_fresh_token()
    {
        var owner = await OwnerAsync();
        var (status, json) = await host.PostAsync(TestIds.Post("ka"), "blog owner", owner.Email, "Thanks for reading!", owner.Token);
        Assert.True(status == HttpStatusCode.Created, $"{(int)status}: {json.ToJsonString()}");
        var next = json["authorToken"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(next));
        // The new comment is approved, so its own token works too.
        (status, json) = await host.PostAsync(TestIds.Post("ka"), Owner, owner.Email, "And another note.", next);
        Assert.True(status == HttpStatusCode.Created, $"{(int)status}: {json.ToJsonString()}");
    }

    [Theory]
    [InlineData("reject")]
    [InlineData("spam")]
    [InlineData("delete")]
    [InlineData("erase")]
    public async Task A_token_naming_a_comment_no_longer_approved_or_erased_is_held(string action)
    {
        var (post, owner) = (TestIds.Post("ka"), await OwnerAsync());
        using var response = action switch
        {
            "delete" => await host.Server.Moderator.DeleteAsync(new Uri($"api/moderation/comments/{owner.PostId}/{owner.Id}", UriKind.Relative), Ct),
            "erase" => await host.Server.Moderator.PostAsync(new Uri("api/moderation/erase", UriKind.Relative),
                System.Net.Http.Json.JsonContent.Create(new JsonObject { ["email"] = owner.Email }), Ct),
            _ => await host.ModerateAsync(owner.PostId, owner.Id, action),
        };
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode}");
        var (status, json) = await host.PostAsync(post, Owner, owner.Email, "Back again after moderation.", owner.Token);
        await AssertHeldAsync(post, status, json);
    }

    [Fact]
    public async Task A_token_of_a_comment_still_held_proves_nothing_yet()
    {
        var post = TestIds.Post("ka");
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var (_, first) = await host.PostAsync(post, Owner, email, "My first comment here.", null);
        var token = first["authorToken"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token));
        var (status, json) = await host.PostAsync(post, Owner, email, "My second, before any approval.", token);
        await AssertHeldAsync(post, status, json);
    }

    [Fact]
    public async Task A_comment_without_email_gets_no_token()
    {
        var post = TestIds.Post("ka");
        var token = await ContractClient.FormTokenAsync(host.Server.Client, post, Ct);
        var body = ContractClient.CommentBody(token, Owner, "No address given.");
        body.Remove("email");
        using var response = await ContractClient.PostCommentAsync(host.Server.Client, post, body, TestIds.Ip(), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["authorToken"]);
    }

    private Signer Signer => host.Server.Services.GetRequiredService<Signer>();

    private static string Payload(string token) =>
        System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token[..token.IndexOf('.', StringComparison.Ordinal)]));

    private sealed record OwnerComment(string PostId, string Id, string Email, string Token);

    /// <summary>The owner's first comment, held as a first-timer's and then approved by a moderator.</summary>
    private async Task<OwnerComment> OwnerAsync()
    {
        var post = TestIds.Post("own");
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var (status, json) = await host.PostAsync(post, Owner, email, "Welcome to my blog, everyone.", null);
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {json.ToJsonString()}");
        var id = json["id"]!.GetValue<string>();
        using var approved = await host.ModerateAsync(post, id, "approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return new OwnerComment(post, id, email, json["authorToken"]?.GetValue<string>() ?? "");
    }

    /// <summary>Held as a first-timer's: a 202, stored as pending (what the status route tells its author).</summary>
    private async Task AssertHeldAsync(string post, HttpStatusCode status, JsonObject json)
    {
        Assert.True(status == HttpStatusCode.Accepted, $"expected held (202), got {(int)status}: {json.ToJsonString()}");
        var id = json["id"]!.GetValue<string>();
        var states = JsonNode.Parse(await host.Server.Client.GetStringAsync($"api/posts/{post}/comments/status?id={id}", Ct))!;
        Assert.Equal(CommentStatusHandler.Pending, states[id]!.GetValue<string>());
    }
}

public sealed class KnownAuthorProofTestsOnSelfHost(FirstTimeHost host)
    : KnownAuthorProofTests(host), IClassFixture<FirstTimeHost>;

public sealed class KnownAuthorProofTestsOnFunctions(FirstTimeHost.OnFunctions host)
    : KnownAuthorProofTests(host), IClassFixture<FirstTimeHost.OnFunctions>;
