using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// The queue message of a post with new comments whose derived rows may still be unwritten: those
/// with ids from <paramref name="From"/> on (ids sort by creation time). Without it (messages of
/// earlier versions) the whole post is looked at.
/// </summary>
internal sealed record ProjectionMessage(string PostId, string? From = null, string? Instance = null);

[JsonSerializable(typeof(ProjectionMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ProjectionMessageJson : JsonSerializerContext;

/// <summary>
/// The guarantee behind <see cref="CommentProjectionService"/>: a new comment also puts a message
/// for its post on <see cref="WorkQueues.Projection"/>, visible <see cref="Delay"/> later. By then
/// the instance that took the POST has usually projected it: when the message comes back to that
/// instance it costs nothing, elsewhere one query over the post's comments since the message. When
/// that instance was frozen or stopped right after answering, the message projects every comment of
/// the post still flagged, on whichever instance takes it. Projecting twice is harmless (see
/// <see cref="CommentProjector"/>).
/// One message covers every later comment of the post on this instance for <see cref="Coalesce"/>:
/// those are stored before the POST answers, so at least Delay − Coalesce before the message's
/// query runs, which therefore sees them. A busy post costs one message per few seconds, not one
/// per comment.
/// </summary>
internal sealed class CommentProjectionWork(WorkQueueClient queue, BlogTables tables, CommentProjector projector,
    CommentProjectionService inProcess, TimeProvider time) : IQueueWork
{
    // Which process sent a message: one that comes back to its sender, with nothing of the post
    // left to write there, has been fulfilled already (see HandleAsync).
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(3);

    private const int MaxRemembered = 10_000;

    /// <summary>
    /// How far before the first covered comment the message's query starts: the ids come from this
    /// instance's clock, which may step back a little (NTP), never by this much.
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    // Post → when this instance last sent its message (timestamp of the TimeProvider).
    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);

    public string Queue => WorkQueues.Projection;

    /// <summary>After the comment is stored; a failure here is logged, and the hourly sweep finds the comment.</summary>
    public async Task EnqueueAsync(ProjectionMarker marker, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_sent.TryGetValue(marker.PostId, out var last) && time.GetElapsedTime(last, now) < Coalesce)
        {
            return;
        }
        if (_sent.Count >= MaxRemembered)
        {
            _sent.Clear();
        }
        _sent[marker.PostId] = now;
        if (!await queue.TrySendAsync(WorkQueues.Projection, new ProjectionMessage(marker.PostId, CommentIds.FirstFrom(marker.CreatedAt - ClockMargin), _instance),
                ProjectionMessageJson.Default.ProjectionMessage, Delay, cancellationToken))
        {
            _sent.TryRemove(marker.PostId, out _); // the next comment of the post tries again
        }
    }

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize(message, ProjectionMessageJson.Default.ProjectionMessage);
        if (work is null || string.IsNullOrEmpty(work.PostId))
        {
            throw new FormatException("Not a projection message: " + message);
        }
        if (work.Instance == _instance)
        {
            // Back at the instance that sent it, which handed every comment the message covers to
            // its in-process projection before answering: once that has tried them, only a failed
            // batch (waiting for its retry) can be left, and only then is the query worth its cost.
            // A single instance (the SelfHost, a quiet Flex app) pays none, even under load.
            await inProcess.FlushAsync(cancellationToken);
            if (!inProcess.HasUnfinished(work.PostId))
            {
                return;
            }
        }
        // A range of the partition, not all of it: a busy post holds thousands of comments, and a
        // filter on a column reads every row of the range (in Azurite, every row of the table).
        var filter = work.From is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {work.PostId} and Projected eq false")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {work.PostId} and RowKey ge {work.From} and RowKey lt {CommentTables.AuxPrefix} and Projected eq false");
        var markers = new List<ProjectionMarker>();
        await foreach (var row in tables[CommentTables.Comments].QueryAsync<TableEntity>(filter, maxPerPage: 1000,
            select: ProjectionMarker.Columns, cancellationToken: cancellationToken))
        {
            if (ProjectionMarker.FromEntity(row) is { } marker)
            {
                markers.Add(marker);
            }
        }
        if (markers.Count > 0)
        {
            await projector.ProjectAsync(markers, cancellationToken);
        }
    }
}
