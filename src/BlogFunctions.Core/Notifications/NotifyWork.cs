using System.Text.Json;
using BlogFunctions.Core.Queues;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// The notifications queue's messages: "published" (fan an approved comment out to its readers),
/// "confirm" (send an address its confirmation link) and "send" (send one recipient's batch when
/// due). Each step is idempotent, so redelivery and a second instance change nothing.
/// </summary>
internal sealed class NotifyWork(NotifyFanOut fanOut, ConfirmationSender confirmations, NotifyBatchSender batches) : IQueueWork
{
    public string Queue => WorkQueues.Notifications;

    public Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var m = JsonSerializer.Deserialize(message, NotifyJson.Default.NotifyMessage);
        return m switch
        {
            { Type: NotifyMessage.Published, PostId: { } post } when m.PublishedIds.Count > 0 => fanOut.HandleAsync(post, m.PublishedIds, cancellationToken),
            { Type: NotifyMessage.Confirm, EmailHash: { } hash } => confirmations.HandleAsync(hash, cancellationToken),
            { Type: NotifyMessage.Send, EmailHash: { } hash, BatchId: { } batch } => batches.HandleAsync(hash, batch, cancellationToken),
            _ => throw new FormatException("Not a notification message: " + message),
        };
    }
}
