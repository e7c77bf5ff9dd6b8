using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Reads a chunk's planned recipients as they are now: one key-range query per shard group
/// (the plan keeps keys in order, so a group is one contiguous range), keeping those still active.
/// Someone who unsubscribed or paused after planning is dropped; nobody is added. A reader who
/// switched between each post and the weekly digest after planning keeps this email: the plan
/// decided where each post reaches them (a digest lists only posts planned after the switch).
/// </summary>
internal sealed class ChunkRecipients(SubscriberStore subscribers)
{
    public async Task<List<NewsletterRecipient>> ActiveAsync(ChunkEntity chunk, CancellationToken cancellationToken)
    {
        var result = new List<NewsletterRecipient>(chunk.RecipientCount);
        foreach (var group in RecipientList.Decode(chunk.Recipients))
        {
            var wanted = new HashSet<string>(group.Keys, StringComparer.Ordinal);
            await foreach (var s in subscribers.ActiveAsync(group.Shard, group.Keys[0], group.Keys[^1], cancellationToken))
            {
                if (wanted.Contains(s.Key) && s.Cadence != SubscriberCadence.Paused)
                {
                    result.Add(new NewsletterRecipient(s.Key, s.Email, s.Name));
                }
            }
        }
        return result;
    }
}
