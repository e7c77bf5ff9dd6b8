using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Queues;

/// <summary>
/// Puts work on a queue. A queue is created the first time a send finds it missing, so a cold
/// start pays no queue calls. Messages never expire: work that waits for a moderator (a poison
/// message) must still be there when they look.
/// </summary>
internal sealed partial class WorkQueueClient(QueueServiceClient service, ILogger<WorkQueueClient> logger)
{
    /// <summary>The longest delay Azure Storage accepts for a message's first visibility.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    // Per queue: completed by the next send of a message visible at once (see NextSendAsync).
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _sentNow = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes when this process next sends a message that is visible at once to the queue, so a
    /// poller in the same process (the SelfHost's) can stop waiting out its idle interval. Saves up
    /// to a polling interval per step; the Functions host polls on its own.
    /// </summary>
    public Task NextSendAsync(string queue) =>
        _sentNow.GetOrAdd(queue, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public QueueClient Client(string queue) => service.GetQueueClient(queue);

    public Task SendAsync<T>(string queue, T message, JsonTypeInfo<T> type, TimeSpan delay, CancellationToken cancellationToken) =>
        SendTextAsync(queue, JsonSerializer.Serialize(message, type), delay, cancellationToken);

    public async Task SendTextAsync(string queue, string text, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxDelay ? MaxDelay : delay;
        var client = Client(queue);
        try
        {
            await client.SendMessageAsync(text, visibility, NeverExpires, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            LogCreating(logger, queue);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await client.SendMessageAsync(text, visibility, NeverExpires, cancellationToken);
        }
        if (visibility is null && _sentNow.TryRemove(queue, out var sent))
        {
            sent.TrySetResult();
        }
    }

    /// <summary>
    /// Sends, and reports a failure instead of throwing: for work that already has a safety net
    /// (the hourly sweep finds it), after a write the caller must not undo.
    /// </summary>
    public async Task<bool> TrySendAsync<T>(string queue, T message, JsonTypeInfo<T> type, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(queue, message, type, delay, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or TimeoutException or HttpRequestException
                                  && !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(logger, e, queue);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} did not exist; creating it")]
    private static partial void LogCreating(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put a message on queue {Queue}; the hourly sweep will find the work instead")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string queue);
}
