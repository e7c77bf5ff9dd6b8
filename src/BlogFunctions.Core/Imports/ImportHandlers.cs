using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Imports;

/// <summary>Start an import (store the file, queue the plan step) and show its progress.</summary>
internal sealed class ImportHandlers(ImportStore store, ImportBlobs blobs, ImportRunner runner, IOptionsMonitor<ImportOptions> options,
    TimeProvider time)
{
    public async Task<IResult> StartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? format = request.Query["format"];
        if (!ImportFormats.IsKnown(format))
        {
            throw ProblemException.Validation("invalid_format", $"format is one of {string.Join(", ", ImportFormats.All)}.", "format");
        }
        var max = options.CurrentValue.MaxUploadBytes;
        var now = time.GetUtcNow();
        var id = CommentIds.New(now);
        var size = await new ImportUploadInput(request, max).ReceiveAsync(
            (file, ct) => blobs.UploadSourceAsync(id, file, ct),
            (map, ct) => blobs.WriteMapAsync(id, map, ct),
            cancellationToken);
        await store.CreateAsync(new ImportJobEntity { PartitionKey = id, Format = format!, CreatedAt = now, Size = size }, cancellationToken);
        await runner.QueueAsync(new ImportMessage(id, ImportMessage.Plan), cancellationToken);
        request.HttpContext.Response.Headers.Location = "/api/" + ImportsApi.ImportsTemplate + "/" + id;
        return Results.Json(new ImportAccepted(id, ImportStates.Queued), ImportJson.Default.ImportAccepted, statusCode: 202);
    }

    public async Task<IResult> StatusAsync(string importId, CancellationToken cancellationToken)
    {
        if (!CommentIds.IsValid(importId))
        {
            throw ProblemException.Validation("invalid_import_id", "An import id is 21 hex digits, as the upload answered.", "importId");
        }
        var found = await store.ReadAsync(importId, cancellationToken)
            ?? throw ProblemException.NotFound("import_not_found", "No import has this id.");
        return Results.Json(Summarize(found.Job, found.Chunks), ImportJson.Default.ImportStatus);
    }

    private const int MaxPosts = 1000;

    internal static ImportStatus Summarize(ImportJobEntity job, List<ImportChunkEntity> chunks)
    {
        var done = job.Chunks is { } planned && chunks.Count >= planned;
        var state = job.State == ImportStates.Running && done ? ImportStates.Done : job.State;
        var reasons = ImportStore.Reasons(job.PlanReasons).Concat(chunks.SelectMany(c => ImportStore.Reasons(c.Reasons)))
            .Take(ImportPlanner.MaxReasons).ToList();
        var posts = chunks.SelectMany(c => c.Posts.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxPosts).ToList();
        return new ImportStatus(job.PartitionKey, state, job.Format, job.Read, chunks.Sum(c => c.Imported),
            job.PlanSkipped + chunks.Sum(c => c.Skipped), job.PlanFailed + chunks.Sum(c => c.Failed), job.Chunks ?? 0, chunks.Count,
            reasons, posts, job.Error, job.CreatedAt);
    }
}
