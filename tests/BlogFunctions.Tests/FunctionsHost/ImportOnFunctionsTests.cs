using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.CommentImports.ImportCalls;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// Issue #17 on the Functions app: the upload through its HTTP trigger, the plan and chunk steps as
/// CommentImportsQueue invocations from the stand-in's queue listener. The map sends the file's
/// posts to ids of this test, on the shared storage.
/// </summary>
public sealed class ImportOnFunctionsTests(BlogFixture fixture)
{
    [Fact]
    public async Task A_WordPress_import_is_queued_and_completed_through_the_host()
    {
        var (first, second) = (TestIds.Post("fwxr"), TestIds.Post("fwxr"));
        var map = new Dictionary<string, string>
        {
            ["https://knees.example/2020/01/first-post/"] = first,
            ["https://knees.example/?p=42"] = second,
        };
        var functions = fixture.Functions;
        var status = await ImportAsync(functions.Moderator, "wxr", Fixture("wordpress.xml"), map);
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(6, status.GetProperty("imported").GetInt32());
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal).ToArray(),
            status.GetProperty("posts").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(3, (await PublicCommentsAsync(functions.Client, first)).Length);
        Assert.Equal(3, await CountAsync(functions.Client, first));
        Assert.Equal(1, await CountAsync(functions.Client, second));
    }
}
