using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>The queue message of a new comment whose derived rows are to be written.</summary>
public sealed record ProjectionMessage(string PostId, string CommentId);

[JsonSerializable(typeof(ProjectionMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ProjectionMessageJson : JsonSerializerContext;

/// <summary>
/// The guarantee behind <see cref="CommentProjectionService"/>: every new comment also puts a
/// message on <see cref="WorkQueues.Projection"/>, visible a few seconds later. By then the
/// instance that took the POST has usually projected it, and the message costs one read; when that
/// instance was frozen or stopped right after answering, the message does the work on whichever
/// instance takes it. Projecting twice is harmless (see <see cref="CommentProjector"/>).
/// </summary>
public sealed class CommentProjectionWork(WorkQueueClient queue, BlogTables tables, CommentProjector projector) : IQueueWork
{
    /// <summary>Long enough for the in-process projection (a 0.5 s batch window) to have run first.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    public string Queue => WorkQueues.Projection;

    /// <summary>After the comment is stored; a failure here is logged, and the hourly sweep finds the comment.</summary>
    public Task EnqueueAsync(ProjectionMarker marker, CancellationToken cancellationToken) =>
        queue.TrySendAsync(WorkQueues.Projection, new ProjectionMessage(marker.PostId, marker.CommentId),
            ProjectionMessageJson.Default.ProjectionMessage, Delay, cancellationToken);

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize(message, ProjectionMessageJson.Default.ProjectionMessage);
        if (work is null || string.IsNullOrEmpty(work.PostId) || !CommentIds.IsValid(work.CommentId))
        {
            throw new FormatException("Not a projection message: " + message);
        }
        var row = await tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(work.PostId, work.CommentId,
            select: [.. ProjectionMarker.Columns, nameof(CommentEntity.Projected)], cancellationToken);
        if (!row.HasValue || row.Value!.GetBoolean(nameof(CommentEntity.Projected)) != false
            || ProjectionMarker.FromEntity(row.Value) is not { } marker)
        {
            return; // projected already, or deleted (a delete settles the count itself)
        }
        await projector.ProjectAsync([marker], cancellationToken);
    }
}
