using System.Text.Json;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>A held comment's digest message: when it was held (for logs; the notice rows are the data).</summary>
internal sealed record DigestMessage(DateTimeOffset HeldAt);

[JsonSerializable(typeof(DigestMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class DigestMessageJson : JsonSerializerContext;

/// <summary>
/// Starts the moderator digest from the queue: each held comment sends a message that becomes
/// visible Moderation:DigestDelaySeconds later. The first one due sends the digest of every notice
/// up to then; the others find nothing left and end. A run that has to wait (the batch is not yet
/// due, another instance is sending, SendGrid answered 429/5xx) sends itself again with that delay
/// rather than failing, so a SendGrid outage never fills the poison queue.
/// </summary>
internal sealed partial class ModerationDigestWork(WorkQueueClient queue, ModerationDigestJob job, IOptionsMonitor<ModerationOptions> options,
    ILogger<ModerationDigestWork> logger) : IQueueWork
{
    public string Queue => WorkQueues.Digest;

    public Task EnqueueAsync(DateTimeOffset heldAt, CancellationToken cancellationToken) =>
        queue.TrySendAsync(WorkQueues.Digest, new DigestMessage(heldAt), DigestMessageJson.Default.DigestMessage,
            TimeSpan.FromSeconds(options.CurrentValue.DigestDelaySeconds), cancellationToken);

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var held = JsonSerializer.Deserialize(message, DigestMessageJson.Default.DigestMessage)
            ?? throw new FormatException("Not a digest message: " + message);
        var result = await job.RunOnceAsync(cancellationToken);
        LogRun(logger, held.HeldAt, result.Outcome, result.Comments);
        if (result.RetryIn is { } wait)
        {
            // Not a failure: the work is simply not due yet. At least a second, so it cannot spin.
            await queue.SendAsync(WorkQueues.Digest, held, DigestMessageJson.Default.DigestMessage,
                wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digest message for a comment held at {HeldAt:o}: {Outcome} ({Comments} comment(s))")]
    private static partial void LogRun(ILogger logger, DateTimeOffset heldAt, string outcome, int comments);
}
