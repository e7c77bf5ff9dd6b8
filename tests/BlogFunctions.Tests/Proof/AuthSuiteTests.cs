using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Walks the served OpenAPI document and proves that every moderator route refuses a missing,
/// wrong or malformed credential with 401 problem+json, and that such a request changes nothing
/// in storage — not a comment, not a subscriber, not an index row.
/// </summary>
public abstract class AuthSuiteTests(AuthSuiteTests.Fixture stack)
{
    /// <summary>The comments contract alone has five moderator routes; fewer means the document lost some.</summary>
    private const int MinimumModeratorRoutes = 5;

    public class Fixture : ProofFixture;

    public sealed class FunctionsFixture : Fixture
    {
        protected override HostKind Kind => HostKind.Functions;
    }

    /// <summary>Credential variants a caller without the key could send: none, wrong, malformed, forged.</summary>
    public static TheoryData<string> Credentials => new()
    {
        "none",
        "wrong-bearer",
        "key-plus-one-char",
        "key-prefix",
        "bearer-without-key",
        "basic-with-key",
        "key-without-scheme",
        "bearer-oversized",
        "bearer-control-chars",
        "forged-app-service-principal",
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Every_moderator_route_answers_401_and_changes_nothing(string credential)
    {
        var ct = TestContext.Current.CancellationToken;
        var ops = await ApiDescription.FetchAsync(stack.Server.Client, ct);
        var moderator = ops.Where(o => o.IsModerator).ToArray();
        Assert.True(moderator.Length >= MinimumModeratorRoutes,
            $"only {moderator.Length} moderator operations in the OpenAPI document: {string.Join(", ", moderator.Select(o => o.ToString()))}");
        Assert.Equal(ApiRoutes.All.Count(r => r.Access == RouteAccess.Moderator), moderator.Length);

        var (postId, commentId) = await SeedAsync(ops, ct);
        var before = await stack.SnapshotAsync(ct);
        Assert.True(before.EntityCount > 0, "seeding stored nothing, so 'nothing changed' would prove nothing");

        using var client = ContractCheckingHandler.Client(stack.Server.BaseAddress, new SocketsHttpHandler());
        foreach (var op in moderator)
        {
            var path = op.Expand(name => name switch
            {
                "postId" => postId,
                "commentId" => commentId,
                _ => "x" + name.ToLowerInvariant(),
            });
            using var request = new HttpRequestMessage(new HttpMethod(op.Method), path);
            if (op.Method is not "GET" and not "DELETE")
            {
                request.Content = new StringContent(PlausibleBody, Encoding.UTF8, "application/json");
            }
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            Apply(request, credential);
            using var response = await client.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                $"{op} with credential '{credential}' answered {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("unauthorized", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }

        var after = await stack.SnapshotAsync(ct);
        Assert.Equal("", before.Diff(after));
    }

    [Fact]
    public async Task The_right_key_is_accepted_so_the_401s_above_are_about_the_credential()
    {
        var ct = TestContext.Current.CancellationToken;
        var ops = await ApiDescription.FetchAsync(stack.Server.Client, ct);
        var listings = ops.Where(o => o.IsModerator && o.Method == "GET" && o.PathParameters.Count == 0).ToArray();
        Assert.NotEmpty(listings);
        foreach (var op in listings)
        {
            // A lookup's required parameters get a plausible value (an unknown address is a valid question).
            var query = string.Join('&', op.RequiredQuery.Select(q => q + "=" + (q == "email" ? "nobody%40example.com" : "x")));
            var url = op.Expand(_ => "") + (query.Length > 0 ? "?" + query : "");
            using var response = await stack.Server.Moderator.GetAsync(new Uri(url, UriKind.Relative), ct);
            Assert.True(response.IsSuccessStatusCode, $"{op} with the moderator key answered {(int)response.StatusCode}");
        }
    }

    private const string PlausibleBody =
        """{"email":"sam.subscriber@example.com","status":"approved","id":"auth-suite-post","title":"A post","url":"https://blog.example/p","summary":"s","publishedAt":"2026-11-24T10:00:00Z"}""";

    private async Task<(string PostId, string CommentId)> SeedAsync(IReadOnlyList<ApiOperation> ops, CancellationToken ct)
    {
        var postId = TestIds.Post("auth");
        var commentId = "c" + Guid.NewGuid().ToString("N");
        if (ContractClient.Has(ops, "POST", ContractClient.CommentsPath))
        {
            commentId = await ContractClient.CreateCommentAsync(stack.Server.Client, postId, ct);
        }
        if (ContractClient.Has(ops, "POST", ContractClient.SubscriptionsPath))
        {
            using var subscribed = await ContractClient.SubscribeAsync(stack.Server.Client, "sam.subscriber@example.com", TestIds.Ip(), ct);
            Assert.True(subscribed.IsSuccessStatusCode, $"seeding a subscriber answered {(int)subscribed.StatusCode}");
        }
        return (postId, commentId);
    }

    private static void Apply(HttpRequestMessage request, string credential)
    {
        var key = BlogServer.ModeratorKey;
        var headers = request.Headers;
        switch (credential)
        {
            case "none":
                break;
            case "wrong-bearer":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-moderator-key-0123456789");
                break;
            case "key-plus-one-char":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", key + "x");
                break;
            case "key-prefix":
                headers.Authorization = new AuthenticationHeaderValue("Bearer", key[..^1]);
                break;
            case "bearer-without-key":
                headers.TryAddWithoutValidation("Authorization", "Bearer");
                break;
            case "basic-with-key":
                headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("moderator:" + key)));
                break;
            case "key-without-scheme":
                headers.TryAddWithoutValidation("Authorization", key);
                break;
            case "bearer-oversized":
                headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('k', 8_000));
                break;
            case "bearer-control-chars":
                headers.TryAddWithoutValidation("Authorization", "Bearer \u0001" + key);
                break;
            case "forged-app-service-principal":
                // Trusted only when Moderation:TrustAppServiceAuthentication is on (off here): a client can send it.
                var principal = """{"auth_typ":"aad","role_typ":"roles","claims":[{"typ":"roles","val":"moderator"}]}""";
                headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(credential), credential, null);
        }
    }
}

public sealed class AuthSuiteTestsOnSelfHost(AuthSuiteTests.Fixture stack) : AuthSuiteTests(stack), IClassFixture<AuthSuiteTests.Fixture>;

public sealed class AuthSuiteTestsOnFunctions(AuthSuiteTests.FunctionsFixture stack) : AuthSuiteTests(stack), IClassFixture<AuthSuiteTests.FunctionsFixture>;
