using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Imports;

/// <summary>The import job's row: what was asked for and what planning found (PK = import id, RK = "job").</summary>
internal sealed class ImportJobEntity : ITableEntity
{
    public const string TableName = "CommentImports";
    public const string JobRowKey = "job";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = JobRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Format { get; set; } = "";

    /// <summary>queued, running or failed; done is not stored but read from the chunk rows (see <see cref="ImportStore.ReadAsync"/>).</summary>
    public string State { get; set; } = ImportStates.Queued;
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Size { get; set; }
    public int Read { get; set; }

    /// <summary>Null until planning finished: then the number of chunk messages sent.</summary>
    public int? Chunks { get; set; }
    public int PlanSkipped { get; set; }
    public int PlanFailed { get; set; }

    /// <summary>JSON list of <see cref="ImportReason"/> from planning (capped).</summary>
    public string PlanReasons { get; set; } = "[]";
}

/// <summary>One chunk's outcome, written once when it is done (RK = "chunk|NNNNN").</summary>
internal sealed class ImportChunkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Imported { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public string Reasons { get; set; } = "[]";

    /// <summary>Post ids that got comments from this chunk, one per line.</summary>
    public string Posts { get; set; } = "";
    public DateTimeOffset DoneAt { get; set; }

    public static string Key(int chunk) => "chunk|" + chunk.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
}

internal static class ImportStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// Table <see cref="ImportJobEntity.TableName"/>: one partition per import, its job row and one row per
/// finished chunk. Chunks never write the job row, so chunks running at once on several instances
/// never contend; the status is summed from the partition when asked.
/// </summary>
internal sealed class ImportStore(BlogTables tables)
{
    private TableClient Table => tables[ImportJobEntity.TableName];

    public Task CreateAsync(ImportJobEntity job, CancellationToken cancellationToken) => Table.AddEntityAsync(job, cancellationToken);

    public async Task<ImportJobEntity?> GetAsync(string importId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<ImportJobEntity>(importId, ImportJobEntity.JobRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Only the plan step writes the job row after its creation, and a queue message runs one at a time.</summary>
    public Task SaveAsync(ImportJobEntity job, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(job, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> IsChunkDoneAsync(string importId, int chunk, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(importId, ImportChunkEntity.Key(chunk), select: ["RowKey"], cancellationToken)).HasValue;

    public Task ChunkDoneAsync(ImportChunkEntity chunk, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(chunk, TableUpdateMode.Replace, cancellationToken);

    public async Task<(ImportJobEntity Job, List<ImportChunkEntity> Chunks)?> ReadAsync(string importId, CancellationToken cancellationToken)
    {
        if (await GetAsync(importId, cancellationToken) is not { } job)
        {
            return null;
        }
        var chunks = new List<ImportChunkEntity>();
        await foreach (var row in Table.QueryAsync<ImportChunkEntity>(
            r => r.PartitionKey == importId && r.RowKey.CompareTo("chunk|") >= 0 && r.RowKey.CompareTo("chunk}") < 0,
            cancellationToken: cancellationToken))
        {
            chunks.Add(row);
        }
        return (job, chunks);
    }

    public static List<ImportReason> Reasons(string json) => JsonSerializer.Deserialize(json, ImportJson.Default.ListImportReason) ?? [];

    public static string Reasons(List<ImportReason> reasons) => JsonSerializer.Serialize(reasons, ImportJson.Default.ListImportReason);
}
