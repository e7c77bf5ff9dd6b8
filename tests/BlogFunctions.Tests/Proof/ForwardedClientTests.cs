using System.Net;
using System.Text;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Who the client is, behind Azure's front end: the per-IP limit follows the address the platform
/// appends to X-Forwarded-For, never the entries a client writes before it; an IPv6 /64 is one
/// client. And an App Service principal header counts only where the platform vouches for it.
/// </summary>
public abstract class ForwardedClientTests(HardenedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_forged_first_forwarded_entry_does_not_escape_the_per_ip_limit()
    {
        var postId = TestIds.Post("xff");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < HardenedHost.CommentLimit + 2; i++)
        {
            // The client writes any first entry it likes; the platform appends the real address last.
            var (status, _) = await host.PostAsync(postId, $"198.51.100.{i + 1}, 203.0.113.77", $"Comment number {i} here.");
            statuses.Add(status);
        }
        Assert.All(statuses.Take(HardenedHost.CommentLimit), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_victims_address_written_first_does_not_lock_the_victim_out()
    {
        var postId = TestIds.Post("xff");
        for (var i = 0; i < HardenedHost.CommentLimit + 1; i++)
        {
            await host.PostAsync(postId, "203.0.113.10, 203.0.113.66", $"Attacker comment {i} now.");
        }
        // The victim's own request: the platform's entry is the victim's address.
        var (status, json) = await host.PostAsync(postId, "203.0.113.10", "The victim can still comment.");
        Assert.True(status == HttpStatusCode.Created, $"{(int)status}: {json.ToJsonString()}");
    }

    [Fact]
    public async Task Addresses_of_one_ipv6_64_share_one_limit()
    {
        var postId = TestIds.Post("v6");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < HardenedHost.CommentLimit + 1; i++)
        {
            var (status, _) = await host.PostAsync(postId, $"2001:db8:7:7::{i + 1:x}", $"From another address {i}.");
            statuses.Add(status);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var (other, _) = await host.PostAsync(postId, "2001:db8:7:8::1", "Another /64 is another client.");
        Assert.Equal(HttpStatusCode.Created, other);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"roles","val":"moderator"}]}""")]
    [InlineData("""{"auth_typ":"aad","claims":[{"val":"moderator"}]}""")]
    public async Task Without_platform_authentication_a_client_principal_header_is_not_a_credential(string principal)
    {
        using var request = ModerationList(principal);
        using var response = await host.Server.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"roles","val":"moderator"}]}""", true)]
    [InlineData("""{"auth_typ":"aad","role_typ":"roles","claims":[{"val":"moderator"}]}""", false)]
    [InlineData("""{"auth_typ":"aad","claims":[{"val":"moderator"}]}""", false)]
    [InlineData("""{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"name","val":"moderator"}]}""", false)]
    public async Task With_platform_authentication_only_the_functions_app_accepts_a_role_claim(string principal, bool valid)
    {
        await using var platform = await BlogHosts.StartAsync(host.Server.Kind, host.ConnectionString, new Dictionary<string, string?>
        {
            ["Moderation:TrustAppServiceAuthentication"] = "true",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        using var request = ModerationList(principal);
        using var response = await platform.Client.SendAsync(request, Ct);
        // The SelfHost has no platform in front that strips a client's header: never a credential there.
        var expected = valid && host.Server.Kind == HostKind.Functions ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
        Assert.Equal(expected, response.StatusCode);
    }

    private static HttpRequestMessage ModerationList(string principal)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/moderation/comments?status=pending");
        request.Headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
        return request;
    }
}

public sealed class ForwardedClientTestsOnSelfHost(HardenedHost host) : ForwardedClientTests(host), IClassFixture<HardenedHost>;

public sealed class ForwardedClientTestsOnFunctions(HardenedHost.OnFunctions host)
    : ForwardedClientTests(host), IClassFixture<HardenedHost.OnFunctions>;
