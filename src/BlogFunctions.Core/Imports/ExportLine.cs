using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// One line of <c>GET /api/moderation/export</c>, and of an import in format <c>blogfunctions</c>:
/// a comment as stored, personal fields included (the export is for moderators). status is
/// approved, pending, spam, rejected, or deleted (a placeholder kept for its replies).
/// </summary>
internal sealed record ExportLine(
    string PostId,
    string Id,
    string? ParentId,
    string Author,
    string? Email,
    string? Website,
    string BodyMarkdown,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt,
    IReadOnlyList<string> Reasons,
    string? ImportedFrom);

/// <summary>A resolved comment in a chunk file: everything the chunk step writes, decided by the planner.</summary>
internal sealed record ImportItem(
    string SourceId,
    string PostId,
    string CommentId,
    string? ParentId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt,
    string Author,
    string? Email,
    string? Website,
    string BodyMarkdown,
    string Reasons,
    string? ImportedFrom);

/// <summary>A comment of the file that was not imported, and why.</summary>
internal sealed record ImportReason(string SourceId, string Reason);

/// <summary>The queue message: plan the import (parse, write chunks), or write one chunk.</summary>
internal sealed record ImportMessage(string ImportId, string Step, int Chunk = 0)
{
    public const string Plan = "plan";
    public const string Write = "chunk";
}

/// <summary>202 of the upload.</summary>
internal sealed record ImportAccepted(string Id, string State);

/// <summary>What GET /api/moderation/imports/{id} shows.</summary>
internal sealed record ImportStatus(
    string Id,
    string State,
    string Format,
    int Read,
    int Imported,
    int Skipped,
    int Failed,
    int Chunks,
    int ChunksDone,
    IReadOnlyList<ImportReason> Reasons,
    IReadOnlyList<string> Posts,
    string? Error,
    DateTimeOffset CreatedAt);

[JsonSerializable(typeof(ExportLine))]
[JsonSerializable(typeof(ImportItem))]
[JsonSerializable(typeof(ImportMessage))]
[JsonSerializable(typeof(ImportAccepted))]
[JsonSerializable(typeof(ImportStatus))]
[JsonSerializable(typeof(List<ImportReason>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class ImportJson : JsonSerializerContext;
