using Azure.Core;
using Azure.Core.Pipeline;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// Bounds one storage call, retries included, to <see cref="Limit"/>. A storage service that is
/// down refuses at once, but one that hangs would hold each try for the whole network timeout and
/// then retry: about 30 s before the caller heard 503. <see cref="Stamp"/> marks when the call
/// began (once per call); <see cref="Enforce"/> gives each try only what is left, and fails a try
/// that would start after the deadline with a <see cref="TimeoutException"/>, which the retry
/// policy does not retry and <see cref="StorageFailures"/> counts as an outage.
/// </summary>
internal static class StorageCallDeadline
{
    /// <summary>A healthy call takes milliseconds; a request answers 503 within about this long when storage hangs.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(4);

    private const string StartedProperty = "BlogFunctions.StorageCallStarted";

    public static void AddTo(ClientOptions options)
    {
        options.AddPolicy(new Stamp(), HttpPipelinePosition.PerCall);
        options.AddPolicy(new Enforce(), HttpPipelinePosition.PerRetry);
    }

    private sealed class Stamp : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.SetProperty(StartedProperty, TimeProvider.System.GetTimestamp());
    }

    private sealed class Enforce : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.TryGetProperty(StartedProperty, out var started) || started is not long since)
            {
                return;
            }
            var left = Limit - TimeProvider.System.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Storage did not answer within {Limit.TotalSeconds:0} s.");
            }
            message.NetworkTimeout = left;
        }
    }
}
