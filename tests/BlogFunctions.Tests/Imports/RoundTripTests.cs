using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.CommentImports.ImportCalls;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>Issue #17: export → import (format blogfunctions) into a fresh storage account → export gives the same lines.</summary>
public sealed class RoundTripTests(ImportRig rig) : IClassFixture<ImportRig>
{
    [Fact]
    public async Task Export_imported_into_fresh_storage_exports_the_same_lines()
    {
        foreach (var (format, file) in new[]
        {
            ("disqus", Fixture("disqus.xml")), ("wxr", Fixture("wordpress.xml")),
            ("remark42", Fixture("remark42.jsonl")), ("isso", SourceFormatImportTests.IssoDatabase()),
        })
        {
            Assert.Equal("done", (await ImportAsync(rig.Server.Moderator, format, file)).GetProperty("state").GetString());
        }
        var exported = await ExportAsync(rig.Server.Moderator);
        Assert.Equal(22, exported.Length);
        Assert.Contains(exported, l => l.Contains("\"status\":\"deleted\"", StringComparison.Ordinal));
        Assert.Contains(exported, l => l.Contains("\"email\":\"ada@example.com\"", StringComparison.Ordinal));
        Assert.Contains(exported, l => l.Contains("\"importedFrom\":\"wxr:24\"", StringComparison.Ordinal));

        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using var fresh = await BlogServer.StartAsync(azurite.ConnectionString);
        var status = await ImportAsync(fresh.Moderator, "blogfunctions", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', exported) + "\n"));
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(22, status.GetProperty("imported").GetInt32());
        Assert.Equal(exported, await ExportAsync(fresh.Moderator));
        await AssertConsistentAsync(fresh.Moderator);
        Assert.Equal(await CountAsync(rig.Server.Client, "hello-world"), await CountAsync(fresh.Client, "hello-world"));
    }
}
