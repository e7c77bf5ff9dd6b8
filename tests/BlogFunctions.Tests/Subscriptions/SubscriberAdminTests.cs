using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Subscriptions;

public abstract class SubscriberAdminTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private SubscriptionHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moderator_routes_need_the_key()
    {
        foreach (var path in new[] { "api/moderation/subscribers", "api/moderation/subscribers.csv" })
        {
            using var r = await _h.Server.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using var erase = await _h.Server.Client.PostAsJsonAsync("api/moderation/erase", new { email = "x@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, erase.StatusCode);
    }

    [Fact]
    public async Task Lists_with_counts_by_status_and_pages()
    {
        var pending = SubscriptionHarness.NewAddress("listed");
        using (await _h.SubscribeAsync(pending)) { }
        var before = await _h.Server.Moderator.GetFromJsonAsync<JsonElement>("api/moderation/subscribers?status=pending&limit=1000", Ct);
        Assert.Contains(before.GetProperty("items").EnumerateArray(), i => i.GetProperty("email").GetString() == pending);
        var pendingCount = before.GetProperty("counts").GetProperty("pending").GetInt32();
        Assert.True(pendingCount >= 1);

        using (await _h.ConfirmAsync(SubscriptionHarness.Link(_h.Sink.MessagesTo(pending)[0].Text!, "subscriptions/confirm"))) { }
        var after = await _h.Server.Moderator.GetFromJsonAsync<JsonElement>("api/moderation/subscribers?status=active&limit=1", Ct);
        Assert.Equal(1, after.GetProperty("items").GetArrayLength());
        Assert.Equal("active", after.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.True(after.GetProperty("counts").GetProperty("active").GetInt32() >= 1);

        // Following "next" never repeats a row.
        var seen = new HashSet<string>();
        string? next = null;
        for (var i = 0; i < 3; i++)
        {
            var page = await _h.Server.Moderator.GetFromJsonAsync<JsonElement>(
                "api/moderation/subscribers?limit=2" + (next is null ? "" : "&cursor=" + next), Ct);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.True(seen.Add(item.GetProperty("email").GetString()!));
            }
            next = page.GetProperty("next").GetString();
            if (next is null)
            {
                break;
            }
        }
        using var bad = await _h.Server.Moderator.GetAsync("api/moderation/subscribers?status=nope", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Csv_export_neutralizes_formulas_and_quotes_cells()
    {
        var email = SubscriptionHarness.NewAddress("csv");
        using (await _h.SubscribeAsync(email, "=HYPERLINK(\"http://evil\",\"x\")")) { }
        using var r = await _h.Server.Moderator.GetAsync("api/moderation/subscribers.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", r.Content.Headers.ContentDisposition?.ToString());
        var csv = await r.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("email,name,status,", csv.TrimStart('\uFEFF'));
        var line = csv.Split("\r\n").Single(l => l.StartsWith(email, StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",pending,", line);
    }

    [Fact]
    public async Task Erase_removes_the_subscriber_and_the_comments_personal_fields()
    {
        var email = SubscriptionHarness.NewAddress("erase");
        using (await _h.SubscribeAsync(email, "Erin")) { }
        var postId = TestIds.Post("erase");
        var comments = new CommentApi(_h.Server);
        using (var posted = await comments.PostAsync(postId, new { author = "Erin", body = "Hello there, a perfectly fine comment.", email }))
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync(Ct));
        }

        using var r = await _h.Server.Moderator.PostAsJsonAsync("api/moderation/erase", new { email = email.ToUpperInvariant() }, Ct);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var result = await r.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.GetProperty("subscriberRemoved").GetBoolean());
        Assert.Equal(1, result.GetProperty("commentsErased").GetInt32());
        Assert.Null(await _h.SubscriberAsync(email));
        var csv = await _h.Server.Moderator.GetStringAsync("api/moderation/subscribers.csv", Ct);
        Assert.DoesNotContain(email, csv);

        using var again = await _h.Server.Moderator.PostAsJsonAsync("api/moderation/erase", new { email }, Ct);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(second.GetProperty("subscriberRemoved").GetBoolean());
        Assert.Equal(0, second.GetProperty("commentsErased").GetInt32());

        using var invalid = await _h.Server.Moderator.PostAsJsonAsync("api/moderation/erase", new { email = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}

/// <summary>Pure CSV cell rules, table-driven.</summary>
public sealed class SubscriberCsvTests
{
    public static TheoryData<string?, string> CsvCells() => new()
    {
        { null, "" },
        { "plain", "plain" },
        { "=1+2", "'=1+2" },
        { "+1", "'+1" },
        { "-1", "'-1" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "\tx", "'\tx" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "line\nbreak", "\"line\nbreak\"" },
    };

    [Theory]
    [MemberData(nameof(CsvCells))]
    public void Csv_cells(string? value, string expected) => Assert.Equal(expected, SubscriberCsv.Cell(value));
}

public sealed class SubscriberAdminTestsOnSelfHost(BlogFixture fixture) : SubscriberAdminTests(fixture, HostKind.SelfHost);

public sealed class SubscriberAdminTestsOnFunctions(BlogFixture fixture) : SubscriberAdminTests(fixture, HostKind.Functions);
