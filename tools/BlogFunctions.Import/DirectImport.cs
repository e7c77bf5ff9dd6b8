using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Imports;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Import;

/// <summary>
/// Imports straight into a storage account with Core's own code, in this process: the same job
/// rows, chunk files, deterministic ids and import keys as an upload, so progress shows in the API
/// too, and a later upload of the same file (or a re-run of this) imports nothing twice. Chunks
/// run here rather than on the queue, so the app's instances are not involved.
/// </summary>
internal static class DirectImport
{
    public static async Task<ImportStatus> RunAsync(ImportArgs args, ProgressView view, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = args.Storage,
            ["Security:SigningKey"] = args.SigningKey,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddBlogCore();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TableInitializer>().RecreateAsync();
        var store = provider.GetRequiredService<ImportStore>();
        var blobs = provider.GetRequiredService<ImportBlobs>();
        var runner = provider.GetRequiredService<ImportRunner>();

        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = CommentIds.New(now);
        await using (var file = File.OpenRead(args.File))
        {
            view.Line($"Storing {Path.GetFileName(args.File)} ({file.Length / 1024.0 / 1024.0:0.0} MB) as import {id} …");
            await blobs.UploadSourceAsync(id, file, cancellationToken);
            if (args.Map is not null)
            {
                var map = System.Text.Json.JsonSerializer.Deserialize(await File.ReadAllTextAsync(args.Map, cancellationToken),
                    ImportJson.Default.DictionaryStringString) ?? [];
                if (map.Values.FirstOrDefault(v => !CommentIds.IsValidPostId(v)) is { } bad)
                {
                    throw new ImportRefused($"The map names '{bad}', which is not a post id (1–100 characters of a-z 0-9 _ -).");
                }
                await blobs.WriteMapAsync(id, map, cancellationToken);
            }
            await store.CreateAsync(new ImportJobEntity { PartitionKey = id, Format = args.Format, CreatedAt = now, Size = file.Length },
                cancellationToken);
        }
        var work = Task.Run(async () =>
        {
            if (await runner.PlanJobAsync(id, cancellationToken) is { State: not ImportStates.Failed, Chunks: { } chunks })
            {
                for (var n = 0; n < chunks; n++)
                {
                    await runner.WriteChunkAsync(id, n, cancellationToken);
                }
            }
        }, cancellationToken);
        var final = await view.FollowAsync(async ct =>
        {
            if (work.IsFaulted)
            {
                await work; // its exception, here
            }
            var found = await store.ReadAsync(id, ct) ?? throw new ImportRefused("The import row vanished.");
            return ImportHandlers.Summarize(found.Job, found.Chunks);
        }, cancellationToken);
        await work;
        return final;
    }
}
