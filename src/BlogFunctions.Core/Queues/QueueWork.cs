namespace BlogFunctions.Core.Queues;

/// <summary>
/// What one queue's messages do. Delivery is at least once, on either host: a handler may see a
/// message twice, or after another instance already did the work, and must leave the same result.
/// Throwing hands the message back to the queue (retried after the visibility timeout, moved to
/// the poison queue after MaxDequeueCount); anything the handler can wait out itself (a SendGrid
/// 429, a digest not yet due) it re-enqueues with a delay instead.
/// </summary>
internal interface IQueueWork
{
    string Queue { get; }

    Task HandleAsync(string message, CancellationToken cancellationToken);
}

/// <summary>Settings of the SelfHost's queue pollers; the Functions host reads the same values from host.json.</summary>
internal sealed class QueueOptions
{
    public const string Section = "Queues";

    /// <summary>Longest wait between polls of an empty queue (host.json extensions.queues.maxPollingInterval).</summary>
    [System.ComponentModel.DataAnnotations.Range(50, 60_000)]
    public int MaxPollingIntervalMilliseconds { get; set; } = 2000;

    /// <summary>How long a failed message stays invisible before its retry (host.json visibilityTimeout).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>Deliveries before a failing message moves to the poison queue (host.json maxDequeueCount).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages taken and run at once by one poller (host.json batchSize).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 32)]
    public int BatchSize { get; set; } = 16;
}
