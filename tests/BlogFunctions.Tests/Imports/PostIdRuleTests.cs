using BlogFunctions.Core.Imports;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>The documented URL → post id rule (README, "Post ids"), the map's precedence, and a cut JSON-lines file's line number.</summary>
public sealed class PostIdRuleTests
{
    [Theory]
    [InlineData("https://blog.example/2019/05/hello-world/", "hello-world")]
    [InlineData("https://blog.example/2019/05/hello-world", "hello-world")]
    [InlineData("https://blog.example/posts/Caf%C3%A9%20Ol%C3%A9.html?utm_source=x#c", "cafe-ole")]
    [InlineData("/posts/calf-raises/", "calf-raises")]
    [InlineData("/2023/ankle-mobility.html", "ankle-mobility")]
    [InlineData("https://blog.example/p/Why_I_Run!!.php", "why_i_run")]
    [InlineData("https://blog.example/", "home")]
    [InlineData("https://blog.example/!!!/", null)]
    public void The_last_path_segment_slugified(string url, string? postId) => Assert.Equal(postId, PostIds.FromUrl(url));

    [Fact]
    public void A_long_segment_is_cut_to_100_characters_without_a_trailing_dash()
    {
        var id = PostIds.FromUrl("https://blog.example/" + new string('a', 99) + "-b");
        Assert.Equal(new string('a', 99), id);
    }

    [Fact]
    public void The_map_wins_with_or_without_the_trailing_slash_and_a_home_url_takes_the_post_name()
    {
        var ids = new PostIds(new Dictionary<string, string> { ["https://blog.example/old/"] = "new-id" });
        Assert.Equal("new-id", ids.Resolve("https://blog.example/old"));
        Assert.Equal("new-id", ids.Resolve("https://blog.example/old/"));
        Assert.Equal("other", ids.Resolve("https://blog.example/other/"));
        Assert.Equal("second-post", ids.Resolve("https://blog.example/?p=42", "second-post"));
        Assert.Equal("home", ids.Resolve("https://blog.example/?p=42"));
    }

    [Fact]
    public async Task A_cut_json_lines_file_fails_with_its_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            var lines = File.ReadAllLines(ImportCallsPath("remark42.jsonl"));
            await File.WriteAllTextAsync(path, string.Join('\n', lines[..2]) + "\n" + lines[2][..40], TestContext.Current.CancellationToken);
            var e = await Assert.ThrowsAsync<ImportFormatException>(async () =>
            {
                await foreach (var _ in new Remark42Reader(path).ReadAsync(TestContext.Current.CancellationToken))
                {
                }
            });
            Assert.StartsWith("line 3: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string ImportCallsPath(string name) =>
        Infrastructure.RepoPaths.Combine("tests", "BlogFunctions.Tests", "Imports", "Fixtures", name);
}
