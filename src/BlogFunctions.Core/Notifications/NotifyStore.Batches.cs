using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Notifications;

/// <summary>What <see cref="NotifyStore.AddItemAsync"/> did with a notification.</summary>
internal enum AddItemOutcome
{
    /// <summary>The address is not verified (or opted out): nothing is written for it.</summary>
    NotVerified,

    /// <summary>It started a new batch, which needs its send message.</summary>
    NewBatch,

    /// <summary>It joined a batch that already has its send message.</summary>
    Joined,

    /// <summary>An earlier delivery of the same work batched it already.</summary>
    AlreadyBatched,
}

/// <summary>
/// What became of the notification, the batch it is in, and any <c>Overdue</c> batch found on the
/// way: ready although it should have been sent by now (its send message was lost or poisoned), so
/// it was not joined and must be sent again.
/// </summary>
internal sealed record AddItemResult(AddItemOutcome Outcome, string? BatchId = null, string? Overdue = null);

/// <summary>What a send needs from the address partition, in one query.</summary>
internal sealed record SendView(AddressRow? Address, BatchRow? Batch, IReadOnlySet<string> Subscriptions);

internal sealed partial class NotifyStore
{
    /// <summary>
    /// Puts <paramref name="item"/> in the recipient's open batch (or a new one), together with its
    /// marker, in one transaction: a redelivered message finds the marker and adds nothing.
    /// </summary>
    /// <remarks><paramref name="openFor"/>: how long after its first item a batch takes more; one older than that is overdue.</remarks>
    public async Task<AddItemResult> AddItemAsync(string emailHash, NotifyItem item, DateTimeOffset now, TimeSpan openFor,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {emailHash} and (RowKey eq {NotifyKeys.Address} or RowKey eq {NotifyKeys.Newest} or (RowKey ge 'batch|' and RowKey lt 'batch}}' and State eq {BatchRow.Ready}))");
            AddressRow? address = null;
            TableEntity? newest = null;
            BatchRow? open = null;
            string? overdue = null;
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == NotifyKeys.Address)
                {
                    address = new AddressRow { VerifiedAt = row.GetDateTimeOffset(nameof(AddressRow.VerifiedAt)) };
                }
                else if (row.RowKey == NotifyKeys.Newest)
                {
                    newest = row;
                }
                else if (row.GetDateTimeOffset(nameof(BatchRow.FirstAt)) + openFor < now)
                {
                    overdue = ToBatch(row).BatchId;
                }
                else if ((row.GetInt32(nameof(BatchRow.Count)) ?? 0) < BatchRow.MaxItems)
                {
                    open = ToBatch(row);
                }
            }
            if (address?.VerifiedAt is null)
            {
                return new AddItemResult(AddItemOutcome.NotVerified, Overdue: overdue);
            }
            var batch = open ?? new BatchRow { PartitionKey = emailHash, RowKey = NotifyKeys.BatchRow(now.AddTicks(attempt)), FirstAt = now };
            var items = batch.Items();
            items.Add(item);
            batch.SetItems(items);
            var marker = new ItemMarkerRow { PartitionKey = emailHash, RowKey = NotifyKeys.ItemRow(item), BatchId = batch.BatchId };
            List<TableTransactionAction> writes = open is null
                ? [new(TableTransactionActionType.Add, batch), new(TableTransactionActionType.Add, marker), NewestIs(emailHash, batch.BatchId, newest)]
                : [new(TableTransactionActionType.UpdateReplace, batch, batch.ETag), new(TableTransactionActionType.Add, marker)];
            try
            {
                await Table.SubmitTransactionAsync(writes, cancellationToken);
                return new AddItemResult(open is null ? AddItemOutcome.NewBatch : AddItemOutcome.Joined, batch.BatchId, overdue);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 1)
            {
                var existing = await Table.GetEntityIfExistsAsync<ItemMarkerRow>(emailHash, marker.RowKey, cancellationToken: cancellationToken);
                return new AddItemResult(AddItemOutcome.AlreadyBatched, existing.HasValue ? existing.Value!.BatchId : null, overdue);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 16)
            {
                // The open batch changed (another item joined, or it was claimed), or another run
                // started a batch since the read (the newest-batch row moved), or a batch of the
                // same tick exists (its RowKey moves on a tick per attempt): read again.
            }
        }
    }

    /// <summary>
    /// The write that makes starting a batch exclusive: the newest-batch row, added or replaced
    /// as read. Two runs that both found no open batch cannot both start one (each reads its own
    /// clock, so their batch keys differ): the second fails here, reads again, and joins.
    /// </summary>
    private static TableTransactionAction NewestIs(string emailHash, string batchId, TableEntity? asRead)
    {
        var row = new TableEntity(emailHash, NotifyKeys.Newest) { ["BatchId"] = batchId };
        return asRead is null
            ? new(TableTransactionActionType.Add, row)
            : new(TableTransactionActionType.UpdateReplace, row, asRead.ETag);
    }

    /// <summary>The address row, one batch and the address's subscriptions ("post|comment"), in one query.</summary>
    public async Task<SendView> SendViewAsync(string emailHash, string batchId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {emailHash} and (RowKey eq {NotifyKeys.Address} or RowKey eq {"batch|" + batchId} or (RowKey ge 'sub|' and RowKey lt 'sub}}'))");
        AddressRow? address = null;
        BatchRow? batch = null;
        var subscriptions = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == NotifyKeys.Address)
            {
                address = new AddressRow
                {
                    PartitionKey = row.PartitionKey,
                    Email = row.GetString(nameof(AddressRow.Email)) ?? "",
                    VerifiedAt = row.GetDateTimeOffset(nameof(AddressRow.VerifiedAt)),
                };
            }
            else if (row.RowKey.StartsWith("batch|", StringComparison.Ordinal))
            {
                batch = ToBatch(row);
            }
            else
            {
                subscriptions.Add(row.RowKey["sub|".Length..]);
            }
        }
        return new SendView(address, batch, subscriptions);
    }

    /// <summary>Replaces the batch if unchanged since it was read (or last written); false when another run got there first.</summary>
    public async Task<bool> TryWriteAsync(BatchRow batch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(batch, batch.ETag, TableUpdateMode.Replace, cancellationToken);
            batch.ETag = response.Headers.ETag ?? batch.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>The address's newest batches, newest first (the moderator's view).</summary>
    public async Task<List<BatchRow>> RecentBatchesAsync(string emailHash, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {emailHash} and RowKey ge 'batch|' and RowKey lt 'batch}}'");
        var list = new List<BatchRow>();
        await foreach (var row in Table.QueryAsync<BatchRow>(filter, cancellationToken: cancellationToken))
        {
            list.Add(row);
        }
        return list.OrderByDescending(b => b.RowKey, StringComparer.Ordinal).Take(max).ToList();
    }

    private static BatchRow ToBatch(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        State = row.GetString(nameof(BatchRow.State)) ?? BatchRow.Ready,
        FirstAt = row.GetDateTimeOffset(nameof(BatchRow.FirstAt)) ?? default,
        ItemsJson = row.GetString(nameof(BatchRow.ItemsJson)) ?? "[]",
        Count = row.GetInt32(nameof(BatchRow.Count)) ?? 0,
        ClaimedAt = row.GetDateTimeOffset(nameof(BatchRow.ClaimedAt)),
        Attempts = row.GetInt32(nameof(BatchRow.Attempts)) ?? 0,
        LastOutcome = row.GetString(nameof(BatchRow.LastOutcome)),
        SentAt = row.GetDateTimeOffset(nameof(BatchRow.SentAt)),
        NextAttemptAt = row.GetDateTimeOffset(nameof(BatchRow.NextAttemptAt)),
    };
}
