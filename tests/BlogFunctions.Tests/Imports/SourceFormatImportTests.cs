using BlogFunctions.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static BlogFunctions.Tests.CommentImports.ImportCalls;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>Issue #17: WordPress (WXR), Remark42 and Isso files imported through the API and the queue (SelfHost).</summary>
public sealed class SourceFormatImportTests(ImportRig rig) : IClassFixture<ImportRig>
{
    private HttpClient Moderator => rig.Server.Moderator;
    private HttpClient Client => rig.Server.Client;

    [Fact]
    public async Task WordPress_comments_keep_threads_states_and_dates_and_pingbacks_and_trash_are_skipped()
    {
        var status = await ImportAsync(Moderator, "wxr", Fixture("wordpress.xml"));
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal((8, 6, 2), (status.GetProperty("read").GetInt32(), status.GetProperty("imported").GetInt32(), status.GetProperty("skipped").GetInt32()));
        var reasons = status.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("sourceId").GetString()!, r => r.GetProperty("reason").GetString());
        Assert.Equal("deleted", reasons["26"]);
        Assert.Equal("pingback", reasons["27"]);

        var first = await PublicCommentsAsync(Client, "first-post");
        Assert.Equal(["Marie", "Jon", "Marie"], first.Select(c => c.GetProperty("author").GetString()!).ToArray());
        Assert.Equal(first[1].GetProperty("id").GetString(), first[2].GetProperty("parentId").GetString()); // 24 → 23, listed before it
        Assert.Equal(first[0].GetProperty("id").GetString(), first[1].GetProperty("parentId").GetString());
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 10, 0, 0, TimeSpan.Zero), first[0].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("<p>Great post.</p>\n<p>It helped my knee. <strong>Thanks!</strong><br>\nSecond line.</p>",
            first[0].GetProperty("bodyHtml").GetString());
        Assert.Equal("https://marie.example.fr/", first[0].GetProperty("website").GetString());
        Assert.Equal(JsonValueKindNull, first[2].GetProperty("website").ValueKind); // javascript: is no website
        Assert.DoesNotContain("<script", first[2].GetProperty("bodyHtml").GetString(), StringComparison.OrdinalIgnoreCase);
        // WordPress shows asterisks as typed (it has no Markdown), so they stay text here too.
        Assert.Equal("<p>Did you try *stretching*?</p>", first[1].GetProperty("bodyHtml").GetString());
        Assert.Equal(3, await CountAsync(Client, "first-post"));
        Assert.Equal("pills@spam.example", Assert.Single(await ModerationAsync(Moderator, "spam", "first-post")).GetProperty("email").GetString());

        // ?p=42 has no path: the post's own name names it. Held stays held; a zero GMT date falls back to the local one.
        var held = Assert.Single(await ModerationAsync(Moderator, "pending", "second-post"));
        Assert.Equal("held@example.com", held.GetProperty("email").GetString());
        var second = Assert.Single(await PublicCommentsAsync(Client, "second-post"));
        Assert.Equal(new DateTimeOffset(2020, 3, 2, 8, 0, 0, TimeSpan.Zero), second.GetProperty("createdAt").GetDateTimeOffset());
        Assert.DoesNotContain("@", string.Join("", first.Append(second).Select(c => c.GetRawText())), StringComparison.Ordinal);
        await AssertConsistentAsync(Moderator);
    }

    [Fact]
    public async Task Remark42_backup_uses_the_authors_markdown_and_converts_html_when_there_is_none()
    {
        var status = await ImportAsync(Moderator, "remark42", Fixture("remark42.jsonl"));
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal((4, 3, 1), (status.GetProperty("read").GetInt32(), status.GetProperty("imported").GetInt32(), status.GetProperty("skipped").GetInt32()));
        var hips = await PublicCommentsAsync(Client, "hip-flexors");
        Assert.Equal(["Sam", "Lin"], hips.Select(c => c.GetProperty("author").GetString()!).ToArray());
        Assert.Equal(hips[0].GetProperty("id").GetString(), hips[1].GetProperty("parentId").GetString());
        Assert.Equal("<p>Do the stretch <strong>slowly</strong>.</p>", hips[0].GetProperty("bodyHtml").GetString());
        Assert.Equal("<p>Same here, <em>twice</em> a day.</p>", hips[1].GetProperty("bodyHtml").GetString());
        // Nine digits of a second, rounded to .NET's seven.
        Assert.Equal(new DateTimeOffset(2022, 3, 5, 8, 10, 11, 123, TimeSpan.Zero).AddTicks(4568),
            hips[1].GetProperty("createdAt").GetDateTimeOffset());
        var bridge = Assert.Single(await PublicCommentsAsync(Client, "glute-bridge"));
        Assert.Equal(new DateTimeOffset(2022, 4, 2, 6, 30, 0, TimeSpan.Zero), bridge.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(2, await CountAsync(Client, "hip-flexors"));
        await AssertConsistentAsync(Moderator);
    }

    [Fact]
    public async Task Isso_database_keeps_modes_fractional_times_and_a_placeholder_for_an_answered_deleted_comment()
    {
        var status = await ImportAsync(Moderator, "isso", IssoDatabase());
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal((6, 5, 1), (status.GetProperty("read").GetInt32(), status.GetProperty("imported").GetInt32(), status.GetProperty("skipped").GetInt32()));
        var calf = await PublicCommentsAsync(Client, "calf-raises");
        Assert.Equal(2, calf.Length);
        Assert.Equal(new DateTimeOffset(2023, 5, 1, 12, 0, 0, 250, TimeSpan.Zero), calf[0].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Contains("&lt;script&gt;", calf[0].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal); // Markdown shows raw HTML as text
        Assert.DoesNotContain("<script", calf[0].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(calf[0].GetProperty("id").GetString(), calf[1].GetProperty("parentId").GetString());
        Assert.Equal("New Person", Assert.Single(await ModerationAsync(Moderator, "pending", "calf-raises")).GetProperty("author").GetString());
        var ankle = await PublicCommentsAsync(Client, "ankle-mobility");
        Assert.True(ankle[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(ankle[0].GetProperty("id").GetString(), ankle[1].GetProperty("parentId").GetString());
        Assert.Contains("<a href=\"https://ankles.example/guide\"", ankle[1].GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(Client, "ankle-mobility"));
        await AssertConsistentAsync(Moderator);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>The Isso fixture is SQL (readable in review); the test builds the database file from it.</summary>
    internal static byte[] IssoDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"isso-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = File.ReadAllText(RepoPaths.Combine("tests", "BlogFunctions.Tests", "Imports", "Fixtures", "isso.sql"));
                command.ExecuteNonQuery();
            }
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
