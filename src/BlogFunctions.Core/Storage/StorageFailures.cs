using System.Net.Sockets;
using Azure;

namespace BlogFunctions.Core.Storage;

/// <summary>Tells an unreachable or failing storage service apart from a bug.</summary>
internal static class StorageFailures
{
    public static bool IsOutage(Exception exception, CancellationToken requestAborted = default) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        // A table missing means start-up creation has not succeeded yet (storage was down then).
        RequestFailedException e when IsTableNotFound(e) => true,
        AggregateException a => a.InnerExceptions.Any(i => IsOutage(i, requestAborted)),
        // Our own per-call deadline (StorageCallDeadline): storage hangs.
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        // The SDK's network timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ => exception.InnerException is { } inner && IsOutage(inner, requestAborted),
    };

    /// <summary>A table is gone: never created (storage was down at start-up) or deleted while the app ran.</summary>
    public static bool IsMissingTable(Exception exception) => exception switch
    {
        RequestFailedException e when IsTableNotFound(e) => true,
        AggregateException a => a.InnerExceptions.Any(IsMissingTable),
        _ => exception.InnerException is { } inner && IsMissingTable(inner),
    };

    // One definition for both: an outage while start-up creation is pending, and the missing-table answer.
    private static bool IsTableNotFound(RequestFailedException e) => e is { Status: 404, ErrorCode: "TableNotFound" };
}
