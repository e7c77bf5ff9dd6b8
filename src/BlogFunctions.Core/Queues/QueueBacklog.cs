using Azure;
using Azure.Storage.Queues;

namespace BlogFunctions.Core.Queues;

/// <summary>A work queue as a moderator sees it: messages waiting, and the ones that failed for good.</summary>
internal sealed record QueueState(string Name, int Waiting, int Poisoned, IReadOnlyList<PoisonedMessage> Recent);

/// <summary>A message that failed MaxDequeueCount times: its text names the work (post key, chunk, comment id).</summary>
internal sealed record PoisonedMessage(string Id, DateTimeOffset? InsertedOn, string Text);

/// <summary>
/// Reads how the work queues stand, for GET /api/moderation/newsletter and the hourly sweep's log:
/// a poison message is never dropped silently, it stays in its poison queue and shows here.
/// </summary>
internal sealed class QueueBacklog(WorkQueueClient queues)
{
    private const int Shown = 10;

    public async Task<IReadOnlyList<QueueState>> ReadAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(WorkQueues.All.Select(q => StateOfAsync(q, cancellationToken)));

    private async Task<QueueState> StateOfAsync(string name, CancellationToken cancellationToken)
    {
        var waiting = await CountAsync(queues.Client(name), cancellationToken);
        var poison = queues.Client(WorkQueues.PoisonOf(name));
        var poisoned = await CountAsync(poison, cancellationToken);
        if (poisoned == 0)
        {
            return new QueueState(name, waiting, 0, []);
        }
        var peeked = await poison.PeekMessagesAsync(Shown, cancellationToken);
        return new QueueState(name, waiting, poisoned,
            peeked.Value.Select(m => new PoisonedMessage(m.MessageId, m.InsertedOn, m.Body.ToString())).ToList());
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // never created: nothing was ever sent to it
        }
    }
}
