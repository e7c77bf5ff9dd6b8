using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// The one owner of table <see cref="NotifyKeys.TableName"/> (see <see cref="NotifyKeys"/> for its
/// layout): addresses and subscriptions here, batches in <c>NotifyStore.Batches.cs</c>.
/// </summary>
internal sealed partial class NotifyStore(BlogTables tables)
{
    private TableClient Table => tables[NotifyKeys.TableName];

    public async Task<AddressRow?> AddressAsync(string emailHash, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<AddressRow>(emailHash, NotifyKeys.Address, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Replaces the address row if unchanged since it was read; false when another request got there first.</summary>
    public async Task<bool> TryReplaceAsync(AddressRow row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Records the subscription on both sides (the post's partition, then the address's mirror with
    /// the address row created if new) and returns the address row. Upserts: asking twice is harmless.
    /// </summary>
    public async Task<AddressRow> SubscribeAsync(string emailHash, string email, string postId, string? commentId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var address = await AddMirrorAsync(emailHash, email, postId, commentId, now, cancellationToken);
        // The post's row last: erasure finds it through the mirror, so the mirror must never be missing.
        await Table.UpsertEntityAsync(Subscription(NotifyKeys.PostPartition(postId), NotifyKeys.PostRow(emailHash, commentId),
            emailHash, postId, commentId, now), TableUpdateMode.Replace, cancellationToken);
        return address;
    }

    private async Task<AddressRow> AddMirrorAsync(string emailHash, string email, string postId, string? commentId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var mirror = Subscription(emailHash, NotifyKeys.SubRow(postId, commentId), emailHash, postId, commentId, now);
        for (var attempt = 0; ; attempt++)
        {
            if (await AddressAsync(emailHash, cancellationToken) is { } existing)
            {
                await Table.UpsertEntityAsync(mirror, TableUpdateMode.Replace, cancellationToken);
                return existing;
            }
            var fresh = new AddressRow { PartitionKey = emailHash, Email = email, CreatedAt = now };
            try
            {
                var responses = await Table.SubmitTransactionAsync(
                    [new(TableTransactionActionType.Add, fresh), new(TableTransactionActionType.UpsertReplace, mirror)], cancellationToken);
                fresh.ETag = responses.Value[0].Headers.ETag ?? default;
                return fresh;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && attempt < 3)
            {
                // Another request created the address row first: use theirs.
            }
        }
    }

    /// <summary>Everyone subscribed to <paramref name="postId"/> or to one of its comments.</summary>
    public async Task<List<SubscriptionRow>> PostSubscriptionsAsync(string postId, CancellationToken cancellationToken)
    {
        var list = new List<SubscriptionRow>();
        await foreach (var row in Table.QueryAsync<SubscriptionRow>(r => r.PartitionKey == NotifyKeys.PostPartition(postId),
            cancellationToken: cancellationToken))
        {
            list.Add(row);
        }
        return list;
    }

    /// <summary>The address's subscriptions (its mirror rows).</summary>
    public async Task<List<SubscriptionRow>> SubscriptionsOfAsync(string emailHash, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {emailHash} and RowKey ge 'sub|' and RowKey lt 'sub}}'");
        var list = new List<SubscriptionRow>();
        await foreach (var row in Table.QueryAsync<SubscriptionRow>(filter, cancellationToken: cancellationToken))
        {
            list.Add(row);
        }
        return list;
    }

    /// <summary>Ends one subscription on both sides; true when it existed.</summary>
    public async Task<bool> UnsubscribeAsync(string emailHash, string postId, string? commentId, CancellationToken cancellationToken)
    {
        var post = await Table.DeleteEntityAsync(NotifyKeys.PostPartition(postId), NotifyKeys.PostRow(emailHash, commentId),
            cancellationToken: cancellationToken);
        var mirror = await Table.DeleteEntityAsync(emailHash, NotifyKeys.SubRow(postId, commentId), cancellationToken: cancellationToken);
        return post.Status != 404 || mirror.Status != 404;
    }

    /// <summary>Ends every subscription of the address; with <paramref name="erase"/>, deletes every row of it too. Returns the rows removed.</summary>
    public async Task<int> UnsubscribeAllAsync(string emailHash, bool erase, CancellationToken cancellationToken)
    {
        var subscriptions = await SubscriptionsOfAsync(emailHash, cancellationToken);
        foreach (var s in subscriptions)
        {
            await UnsubscribeAsync(emailHash, s.PostId, s.CommentId, cancellationToken);
        }
        var removed = subscriptions.Count * 2;
        if (erase)
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == emailHash, select: ["PartitionKey", "RowKey"],
                cancellationToken: cancellationToken))
            {
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>
    /// "Unsubscribe from all": ends every subscription and withdraws the address's verification, so
    /// that a later sign-up in its name needs a new confirmation from its owner.
    /// </summary>
    public async Task OptOutAsync(string emailHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await UnsubscribeAllAsync(emailHash, erase: false, cancellationToken);
        for (var attempt = 0; attempt < 5 && await AddressAsync(emailHash, cancellationToken) is { } address; attempt++)
        {
            address.VerifiedAt = null;
            address.VerifiedBy = null;
            address.OptedOutAt = now;
            if (await TryReplaceAsync(address, cancellationToken))
            {
                return;
            }
        }
    }

    private static SubscriptionRow Subscription(string partition, string row, string emailHash, string postId, string? commentId,
        DateTimeOffset now) => new()
        {
            PartitionKey = partition,
            RowKey = row,
            EmailHash = emailHash,
            PostId = postId,
            CommentId = commentId,
            CreatedAt = now,
        };
}
