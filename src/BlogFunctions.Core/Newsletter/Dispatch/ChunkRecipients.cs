using Azure.Data.Tables;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Reads a chunk's planned recipients as they are now: one key-range query per shard group
/// (the plan keeps keys in order, so a group is one contiguous range), keeping those still active.
/// Someone who unsubscribed or was suppressed after planning is dropped; nobody is added.
/// </summary>
public sealed class ChunkRecipients(BlogTables tables)
{
    public async Task<List<NewsletterRecipient>> ActiveAsync(ChunkEntity chunk, CancellationToken cancellationToken)
    {
        var subscribers = tables[SubscriberEntity.TableName];
        var result = new List<NewsletterRecipient>(chunk.RecipientCount);
        foreach (var group in RecipientList.Decode(chunk.Recipients))
        {
            var wanted = new HashSet<string>(group.Keys, StringComparer.Ordinal);
            var first = group.Keys[0];
            var last = group.Keys[^1];
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {group.Shard} and RowKey ge {first} and RowKey le {last} and Status eq {SubscriberStatus.Active}");
            await foreach (var row in subscribers.QueryAsync<TableEntity>(filter, maxPerPage: 1000,
                               select: ["RowKey", "Email", "Name"], cancellationToken: cancellationToken))
            {
                if (wanted.Contains(row.RowKey) && row.GetString("Email") is { Length: > 0 } address)
                {
                    result.Add(new NewsletterRecipient(row.RowKey, address, row.GetString("Name")));
                }
            }
        }
        return result;
    }
}
