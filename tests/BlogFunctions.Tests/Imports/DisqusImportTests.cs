using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.CommentImports.ImportCalls;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>
/// Issue #17: a Disqus export imported through the API and the queue (SelfHost), with threads out
/// of file order, a thread after its posts, deleted and spam posts, time zones and a missing date;
/// then the same file again, which adds nothing.
/// </summary>
public sealed class DisqusImportTests(ImportRig rig) : IClassFixture<ImportRig>
{
    private HttpClient Moderator => rig.Server.Moderator;

    [Fact]
    public async Task Threads_states_dates_and_bodies_arrive_as_in_Disqus_and_a_second_run_adds_nothing()
    {
        var file = Fixture("disqus.xml");
        var status = await ImportAsync(Moderator, "disqus", file);
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(9, status.GetProperty("read").GetInt32());
        Assert.Equal(8, status.GetProperty("imported").GetInt32());
        Assert.Equal(1, status.GetProperty("skipped").GetInt32());
        Assert.Equal(0, status.GetProperty("failed").GetInt32());
        Assert.Contains(status.GetProperty("reasons").EnumerateArray(),
            r => r.GetProperty("sourceId").GetString() == "104" && r.GetProperty("reason").GetString() == "deleted");
        Assert.Equal(["cafe-ole", "hello-world", "summer-notes"],
            status.GetProperty("posts").EnumerateArray().Select(p => p.GetString()!).ToArray());

        // hello-world: 100 ← 101 ← 102 (102 came first in the file); 101's +02:00 time is 10:30 UTC.
        var hello = await PublicCommentsAsync(rig.Server.Client, "hello-world");
        Assert.Equal(["Ada Lovelace", "Grace Hopper", "Ada Lovelace"], hello.Select(c => c.GetProperty("author").GetString()!).ToArray());
        Assert.Equal(hello[0].GetProperty("id").GetString(), hello[1].GetProperty("parentId").GetString());
        Assert.Equal(hello[1].GetProperty("id").GetString(), hello[2].GetProperty("parentId").GetString());
        Assert.Equal(new DateTimeOffset(2019, 5, 1, 10, 30, 0, TimeSpan.Zero), hello[1].GetProperty("createdAt").GetDateTimeOffset());
        var first = hello[0].GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("<script", first, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("owned", first, StringComparison.Ordinal);
        Assert.Contains("<strong>world</strong>", first, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/page\" rel=\"ugc nofollow noopener\">a link</a>", first, StringComparison.Ordinal);
        Assert.Contains("<code>x &lt; y</code>", hello[1].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains("<blockquote>", hello[1].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(rig.Server.Client, "hello-world"));

        // cafe-ole: the deleted 105 stays as a placeholder for its reply; 107 has no date and takes 106's.
        var cafe = await PublicCommentsAsync(rig.Server.Client, "cafe-ole");
        Assert.Equal(3, cafe.Length);
        // 106 and 107 share a time (107 took 106's), so their order is their ids'; take them by name.
        cafe = [cafe[0], .. cafe.Skip(1).OrderBy(c => c.GetProperty("author").GetString() == "Anonymous")];
        Assert.True(cafe[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("", cafe[0].GetProperty("author").GetString());
        Assert.Equal(cafe[0].GetProperty("id").GetString(), cafe[1].GetProperty("parentId").GetString());
        Assert.Equal("Curious George", cafe[1].GetProperty("author").GetString()); // the right-to-left override is gone
        var answer = cafe[1].GetProperty("bodyHtml").GetString()!;
        Assert.DoesNotContain("onerror", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", answer, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2020, 2, 11, 14, 15, 0, TimeSpan.Zero), cafe[1].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(cafe[1].GetProperty("createdAt").GetDateTimeOffset(), cafe[2].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("Anonymous", cafe[2].GetProperty("author").GetString());
        Assert.Contains("<li>second <strong>point</strong></li>", cafe[2].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(rig.Server.Client, "cafe-ole"));
        Assert.Single(await PublicCommentsAsync(rig.Server.Client, "summer-notes"));

        // Addresses are stored for moderators (normalized as a POST does) and never public.
        var publicJson = string.Join("", hello.Concat(cafe).Select(c => c.GetRawText()));
        Assert.DoesNotContain("@example.com", publicJson, StringComparison.OrdinalIgnoreCase);
        var approved = await ModerationAsync(Moderator, "approved", "hello-world", "cafe-ole", "summer-notes");
        Assert.Equal(6, approved.Count);
        Assert.Equal(2, approved.Count(c => c.GetProperty("email").GetString() == "ada@example.com"));
        Assert.Contains(approved, c => c.GetProperty("author").GetString() == "Anonymous"
            && c.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "date_missing"));
        var spam = Assert.Single(await ModerationAsync(Moderator, "spam", "hello-world"));
        Assert.Equal("bot@spam.example", spam.GetProperty("email").GetString());
        Assert.Empty(await ModerationAsync(Moderator, "pending", "hello-world", "cafe-ole", "summer-notes"));
        await AssertConsistentAsync(Moderator);

        // The same file again: every comment is known by its Disqus id, nothing new is written.
        var again = await ImportAsync(Moderator, "disqus", file);
        Assert.Equal("done", again.GetProperty("state").GetString());
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(9, again.GetProperty("skipped").GetInt32());
        Assert.Equal(8, again.GetProperty("reasons").EnumerateArray().Count(r => r.GetProperty("reason").GetString() == "already_imported"));
        Assert.Equal(3, (await PublicCommentsAsync(rig.Server.Client, "hello-world")).Length);
        Assert.Equal(3, await CountAsync(rig.Server.Client, "hello-world"));
        await AssertConsistentAsync(Moderator);
    }

    [Fact]
    public async Task A_truncated_file_fails_with_its_line_and_writes_nothing()
    {
        var file = Fixture("disqus.xml");
        var cut = file[..(file.Length * 2 / 3)];
        var map = new Dictionary<string, string>
        {
            ["https://glutenotes.example/2019/05/hello-world/"] = TestIds.Post("cut"),
            ["https://glutenotes.example/posts/Café%20Olé.html?utm_source=feed#comments"] = TestIds.Post("cut"),
        };
        var status = await ImportAsync(Moderator, "disqus", cut, map);
        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Matches(@"^line \d+, position \d+: ", status.GetProperty("error").GetString());
        Assert.Equal(0, status.GetProperty("imported").GetInt32());
        foreach (var post in map.Values)
        {
            Assert.Empty(await PublicCommentsAsync(rig.Server.Client, post));
        }
    }

    [Fact]
    public async Task Unknown_format_is_400_and_a_file_over_the_limit_is_413()
    {
        using var unknown = await UploadAsync(Moderator, "livefyre", Fixture("disqus.xml"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid_format", (await unknown.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))
            .GetProperty("code").GetString());
        using var large = await UploadAsync(Moderator, "disqus", new byte[1024 * 1024 + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        using var missing = await Moderator.GetAsync("api/moderation/imports/0123456789abcdef01234", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var badId = await Moderator.GetAsync("api/moderation/imports/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }
}
