using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Hundreds of generated hostile requests (seeded, so a failure reproduces) against every public
/// operation of the OpenAPI document (and forged principals against the moderator ones): no 5xx, every error problem+json with a code (pages may
/// answer HTML), and storage exactly unchanged after every rejected request.
/// </summary>
public abstract class HostileInputTests(HostileInputTests.Fixture stack)
{
    public const int Seed = 20261124;
    private const int MinimumRequests = 500;

    public class Fixture : ProofFixture
    {
        public string PostId { get; } = TestIds.Post("hostile");

        public HostileTokens? Tokens { get; private set; }

        // Published at once, so the XSS payloads that were accepted can be read back as HTML; App
        // Service principals trusted by setting, as a deployment may be, so forged ones are tried for real.
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Comments:Mode"] = "None",
            ["Moderation:TrustAppServiceAuthentication"] = "true",
        };

        protected override async Task OnStartedAsync()
        {
            var ct = CancellationToken.None;
            var ops = await ApiDescription.FetchAsync(Server.Client, ct);
            if (!ContractClient.Has(ops, "GET", ContractClient.CommentsPath))
            {
                return;
            }
            var valid = await ContractClient.FormTokenAsync(Server.Client, PostId, ct);
            var other = await ContractClient.FormTokenAsync(Server.Client, TestIds.Post("other"), ct);
            // The same key a day and more ago: the token is authentic but too old.
            await using var past = await BlogServer.StartAsync(ConnectionString, null,
                b => b.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-25))));
            var expired = await ContractClient.FormTokenAsync(past.Client, PostId, ct);
            await using var foreign = await BlogServer.StartAsync(ConnectionString,
                new Dictionary<string, string?> { ["Security:SigningKey"] = "another-signing-key-0123456789-0123456789-xyz" });
            var forged = await ContractClient.FormTokenAsync(foreign.Client, PostId, ct);
            Tokens = new HostileTokens(valid, other, expired, forged);
        }
    }

    public sealed class FunctionsFixture : Fixture
    {
        protected override HostKind Kind => HostKind.Functions;
    }

    [Fact]
    public async Task Hostile_requests_get_4xx_problems_and_store_nothing_when_rejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var ops = await ApiDescription.FetchAsync(stack.Server.Client, ct);
        var requests = HostileRequests.Generate(ops, stack.PostId, stack.Tokens, Seed, MinimumRequests);
        Assert.True(requests.Count >= MinimumRequests, $"{requests.Count} requests generated");
        if (stack.Tokens is not null)
        {
            var kinds = requests.Select(r => r.Kind).ToHashSet();
            Assert.All(["nested-markdown", "format-characters", "forged-forwarding", "fabricated-cursor", SecurityReviewInputs.ForgedPrincipalKind],
                kind => Assert.Contains(kind, kinds));
        }

        using var client = ContractCheckingHandler.Client(stack.Server.BaseAddress, new SocketsHttpHandler { AllowAutoRedirect = false },
            TimeSpan.FromSeconds(30));
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var before = await stack.SnapshotAsync(ct);
        foreach (var hostile in requests)
        {
            var (status, verdict) = await SendAsync(client, hostile, ct);
            if (hostile.Kind == SecurityReviewInputs.ForgedPrincipalKind && status is not (401 or 403))
            {
                verdict ??= $"{status}: a moderator route accepted a principal header nobody's platform sent";
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var after = await stack.SnapshotAsync(ct);
            if (verdict is null && status >= 400 && before.Diff(after) is { Length: > 0 } diff)
            {
                verdict = "stored something although rejected: " + diff;
            }
            if (verdict is not null)
            {
                failures.Add($"{verdict} <- {hostile}");
            }
            before = after;
        }
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {requests.Count} requests failed (seed {Seed}; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}):\n"
            + string.Join("\n", failures.Take(25)));
        if (ops.Any(o => !o.IsModerator && (o.PathParameters.Count > 0 || o.Method != "GET")))
        {
            Assert.True(statuses.Keys.Any(s => s >= 400), "nothing was rejected: the generator or the routes are broken");
        }
    }

    [Fact]
    public async Task Accepted_xss_payloads_are_served_as_inert_html()
    {
        var ct = TestContext.Current.CancellationToken;
        var ops = await ApiDescription.FetchAsync(stack.Server.Client, ct);
        Assert.SkipWhen(stack.Tokens is null, "the comments routes are not in the document yet");
        var postId = TestIds.Post("xss");
        foreach (var payload in HostileRequests.XssPayloads)
        {
            await ContractClient.CreateCommentAsync(stack.Server.Client, postId, ct, body: payload);
        }
        var json = await stack.Server.Client.GetStringAsync(new Uri($"api/posts/{postId}/comments", UriKind.Relative), ct);
        var comments = JsonDocument.Parse(json).RootElement.GetProperty("comments").EnumerateArray().ToArray();
        Assert.Equal(HostileRequests.XssPayloads.Length, comments.Length);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        foreach (var html in comments.Select(c => c.GetProperty("bodyHtml").GetString() ?? ""))
        {
            // Parsed as a browser would: escaped text is harmless, elements and attributes are not.
            var document = parser.ParseDocument("<body>" + html + "</body>");
            foreach (var element in document.Body!.QuerySelectorAll("*"))
            {
                Assert.Contains(element.LocalName, AllowedElements);
                Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name is "style" or "src");
                var href = element.GetAttribute("href");
                Assert.True(href is null || href.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase),
                    $"unsafe link {href} in {html}");
            }
        }
        _ = ops;
    }

    private static readonly string[] AllowedElements = ["p", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "br"];

    private static async Task<(int Status, string? Verdict)> SendAsync(HttpClient client, HostileRequest hostile, CancellationToken ct)
    {
        using var message = hostile.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, ct);
        }
        catch (HttpRequestException e) when (hostile.Kind == "oversized" && e.InnerException is IOException)
        {
            // The server answered 413 (or Kestrel refused the body) and closed the connection while
            // megabytes were still being sent: rejected, as a real client would see it.
            return (413, null);
        }
        using var _ = response;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (status >= 500)
        {
            return (status, $"{status} {Short(text)}");
        }
        if (status < 400)
        {
            return (status, null);
        }
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media == "text/html" && hostile.Operation.IsPage)
        {
            return (status, null);
        }
        if (media != "application/problem+json")
        {
            return (status, $"{status} as '{media}', not problem+json: {Short(text)}");
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }
            ? (status, null)
            : (status, $"{status} problem without a code: {Short(text)}");
    }

    private static string Short(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

public sealed class HostileInputTestsOnSelfHost(HostileInputTests.Fixture stack) : HostileInputTests(stack), IClassFixture<HostileInputTests.Fixture>;

public sealed class HostileInputTestsOnFunctions(HostileInputTests.FunctionsFixture stack) : HostileInputTests(stack), IClassFixture<HostileInputTests.FunctionsFixture>;
