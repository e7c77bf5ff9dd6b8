using System.Net.Http.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Imports;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static BlogFunctions.Tests.CommentImports.ImportCalls;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>
/// Issue #17, "an interrupted import resumes": a chunk whose comments were written but whose
/// progress row was not (the instance died in between) is delivered again; it recognises its own
/// rows by their import keys, counts them as imported by this import, and writes nothing twice.
/// </summary>
public sealed class ImportResumeTests(ImportRig rig) : IClassFixture<ImportRig>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chunk_delivered_again_after_its_writes_counts_them_once_and_duplicates_nothing()
    {
        var (first, second) = (TestIds.Post("resume"), TestIds.Post("resume"));
        var map = new Dictionary<string, string>
        {
            ["https://knees.example/2020/01/first-post/"] = first,
            ["https://knees.example/?p=42"] = second,
        };
        var done = await ImportAsync(rig.Server.Moderator, "wxr", Fixture("wordpress.xml"), map);
        Assert.Equal("done", done.GetProperty("state").GetString());
        var id = done.GetProperty("id").GetString()!;
        var chunks = done.GetProperty("chunks").GetInt32();
        Assert.True(chunks > 1, "the rig's small chunks make this import several");

        // The progress rows vanish as if each chunk's instance had died right after its writes.
        var table = rig.Server.Services.GetRequiredService<TableServiceClient>().GetTableClient(ImportJobEntity.TableName);
        for (var n = 0; n < chunks; n++)
        {
            await table.DeleteEntityAsync(id, ImportChunkEntity.Key(n), cancellationToken: Ct);
        }
        var running = await rig.Server.Moderator.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/moderation/imports/{id}", Ct);
        Assert.Equal("running", running.GetProperty("state").GetString());

        // The queue delivers the plan step again: it sends the unfinished chunks, which run once more.
        await rig.Server.Services.GetRequiredService<ImportRunner>().PlanAsync(id, Ct);
        var resumed = await WaitAsync(rig.Server.Moderator, id);
        Assert.Equal("done", resumed.GetProperty("state").GetString());
        Assert.Equal(done.GetProperty("imported").GetInt32(), resumed.GetProperty("imported").GetInt32());
        Assert.Equal(done.GetProperty("skipped").GetInt32(), resumed.GetProperty("skipped").GetInt32());
        Assert.Equal(3, (await PublicCommentsAsync(rig.Server.Client, first)).Length);
        Assert.Equal(3, await CountAsync(rig.Server.Client, first));
        Assert.Single(await ModerationAsync(rig.Server.Moderator, "pending", second));
        await AssertConsistentAsync(rig.Server.Moderator);
    }
}
