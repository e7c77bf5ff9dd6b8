using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Comments;

/// <summary>Screening, rate limit, sanitizing and privacy, end to end through the SelfHost.</summary>
public abstract class ScreeningHttpTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> ModeratedAsync(IBlogHost server, string post, string id, string? expected = null)
    {
        foreach (var status in expected is null ? CommentStatus.All : [expected])
        {
            var page = await server.Moderator.GetFromJsonAsync<JsonObject>($"api/moderation/comments?status={status}", Ct);
            var hit = page!["comments"]!.AsArray().FirstOrDefault(c => c!["id"]!.GetValue<string>() == id && c["postId"]!.GetValue<string>() == post);
            if (hit is not null)
            {
                return hit.AsObject();
            }
        }
        throw new InvalidOperationException($"{post}/{id} is in no moderation list");
    }

    [Fact]
    public async Task Honeypot_answers_like_held_but_files_as_spam_without_notifying()
    {
        var notifier = new RecordingNotifier();
        await using var server = await BlogServer.StartAsync(stack.StorageConnectionString, null,
            b => b.Services.AddSingleton<ICommentHeldNotifier>(notifier));
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var answer = await api.PostOkAsync(post, new { author = "Bot", body = "Great post", homepage = "http://spam.example" }, HttpStatusCode.Accepted);
        Assert.Equal("pending", answer["status"]!.GetValue<string>());
        var stored = await ModeratedAsync(server, post, answer["id"]!.GetValue<string>());
        Assert.Equal("spam", stored["status"]!.GetValue<string>());
        Assert.Contains("honeypot", stored["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Empty(notifier.Held);

        var email = $"{Guid.NewGuid():N}@example.com";
        var held = await api.PostOkAsync(post, new { author = "Ann", email, body = "A real comment" }, HttpStatusCode.Accepted);
        var told = Assert.Single(notifier.Held);
        Assert.Equal(held["id"]!.GetValue<string>(), told.CommentId);
        Assert.Equal(email, told.Email);
        Assert.Equal(["first_time"], told.Reasons);
    }

    [Fact]
    public async Task Blocklists_links_and_duplicates_are_screened_with_reasons()
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?>
        {
            ["Comments:Mode"] = "None",
            ["Comments:BlockedWords:0"] = "casino",
            ["Comments:BlockedHosts:0"] = "spam.example",
            ["Comments:MaxLinks"] = "1",
        });
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var cases = new (string Body, string? Website, string Status, string Reason)[]
        {
            ("Try the online Casino", null, "spam", "blocked_word:casino"),
            ("Look at http://www.spam.example/offer", null, "spam", "blocked_host:spam.example"),
            ("Nice article", "https://spam.example", "spam", "blocked_host:spam.example"),
            ("See http://a.example and http://b.example", null, "pending", "links:2>1"),
        };
        foreach (var (body, website, status, reason) in cases)
        {
            var answer = await api.PostOkAsync(post, new { author = "X", body, website }, HttpStatusCode.Accepted);
            var stored = await ModeratedAsync(server, post, answer["id"]!.GetValue<string>(), status);
            Assert.Equal(status, stored["status"]!.GetValue<string>());
            Assert.Contains(reason, stored["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        await api.PostOkAsync(post, new { author = "Y", body = "Same   words here" }, HttpStatusCode.Created);
        var again = await api.PostOkAsync(post, new { author = "Z", body = "same words HERE" }, HttpStatusCode.Accepted);
        Assert.Contains("duplicate", (await ModeratedAsync(server, post, again["id"]!.GetValue<string>(), "spam"))["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        // Another post may carry the same words.
        await api.PostOkAsync(TestIds.Post(), new { author = "Z", body = "same words HERE" }, HttpStatusCode.Created);
        Assert.Equal(1, (await api.GetPageAsync(post))["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("All", "Plain", HttpStatusCode.Accepted)]
    [InlineData("Links", "Plain", HttpStatusCode.Created)]
    [InlineData("Links", "See https://a.example", HttpStatusCode.Accepted)]
    [InlineData("None", "See https://a.example", HttpStatusCode.Created)]
    [InlineData("FirstTime", "Plain", HttpStatusCode.Accepted)]
    public async Task Mode_setting_decides_what_is_held(string mode, string body, HttpStatusCode expected)
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?> { ["Comments:Mode"] = mode });
        await new CommentApi(server).PostOkAsync(TestIds.Post(), new { author = "M", body }, expected);
    }

    [Fact]
    public async Task Rate_limit_per_ip_and_per_email_answers_429_with_retry_after()
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?>
        {
            ["Comments:RateLimit:Count"] = "2",
            ["Comments:RateLimit:WindowSeconds"] = "600",
        });
        var post = TestIds.Post();
        var api = new CommentApi(server);
        for (var i = 0; i < 2; i++)
        {
            await api.PostOkAsync(post, new { author = "R", body = $"Comment {i}" }, HttpStatusCode.Accepted);
        }
        var limited = await api.PostAsync(post, new { author = "R", body = "One more" });
        await CommentApi.ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);

        // The same address from other IPs is limited too; another address from a fresh IP is not.
        var email = $"{Guid.NewGuid():N}@example.com";
        await new CommentApi(server).PostOkAsync(post, new { author = "E", email, body = "e1" }, HttpStatusCode.Accepted);
        await new CommentApi(server).PostOkAsync(post, new { author = "E", email, body = "e2" }, HttpStatusCode.Accepted);
        await CommentApi.ProblemAsync(await new CommentApi(server).PostAsync(post, new { author = "E", email, body = "e3" }),
            HttpStatusCode.TooManyRequests, "rate_limited");
        await new CommentApi(server).PostOkAsync(post, new { author = "F", email = "f" + email, body = "f1" }, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Scripts_and_raw_html_never_reach_the_public_page()
    {
        await using var server = await stack.StartHostAsync(kind, new Dictionary<string, string?> { ["Comments:Mode"] = "None", ["Comments:MaxLinks"] = "10" });
        var api = new CommentApi(server);
        var post = TestIds.Post();
        var body = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) ![i](https://a.example/i.png) [ok](https://ok.example)";
        var created = await api.PostOkAsync(post, new { author = "<b>Eve</b>", body }, HttpStatusCode.Created);
        var html = created["bodyHtml"]!.GetValue<string>();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://ok.example\" rel=\"ugc nofollow noopener\">ok</a>", html, StringComparison.Ordinal);
        var raw = await (await api.GetAsync(post)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script", raw, StringComparison.OrdinalIgnoreCase);
        // The name is data, not markup: JSON carries it verbatim and the widget inserts it as text.
        Assert.Equal("<b>Eve</b>", (await api.GetPageAsync(post))["comments"]![0]!["author"]!.GetValue<string>());
    }

    [Fact]
    public async Task Public_json_has_no_email_and_no_ip_hash()
    {
        var api = new CommentApi(Server);
        var post = TestIds.Post();
        var email = $"{Guid.NewGuid():N}@example.com";
        var held = await api.PostOkAsync(post, new { author = "Priv", email, body = "Private" }, HttpStatusCode.Accepted);
        await Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{held["id"]}/approve", UriKind.Relative), null, Ct);
        var authorToken = held["authorToken"]!.GetValue<string>();
        var created = await (await api.PostAsync(post, new { author = "Priv", email, body = "Known now", authorToken })).Content.ReadAsStringAsync(Ct);
        var page = await (await api.GetAsync(post)).Content.ReadAsStringAsync(Ct);
        foreach (var json in new[] { created, page })
        {
            Assert.DoesNotContain(email, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"email", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ipHash", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(api.Ip, json, StringComparison.OrdinalIgnoreCase);
        }
        var comments = JsonNode.Parse(page)!["comments"]!.AsArray();
        Assert.Equal(2, comments.Count);
        Assert.Equal(["author", "avatar", "bodyHtml", "createdAt", "id", "parentId", "website"],
            comments[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        // Same address, same avatar seed; a keyed hash, so it is not the address's plain SHA-256 either.
        Assert.Equal(comments[0]!["avatar"]!.GetValue<string>(), comments[1]!["avatar"]!.GetValue<string>());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)));
        Assert.DoesNotContain(comments[0]!["avatar"]!.GetValue<string>(), sha, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class RecordingNotifier : ICommentHeldNotifier
    {
        public List<HeldComment> Held { get; } = [];

        public Task CommentHeldAsync(HeldComment comment, CancellationToken cancellationToken)
        {
            lock (Held)
            {
                Held.Add(comment);
            }
            return Task.CompletedTask;
        }
    }
}

public sealed class ScreeningHttpTestsOnSelfHost(BlogFixture stack) : ScreeningHttpTests(stack, HostKind.SelfHost);

public sealed class ScreeningHttpTestsOnFunctions(BlogFixture stack) : ScreeningHttpTests(stack, HostKind.Functions);
