using Azure.Data.Tables;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>The newsletter's reads of active subscribers: only the columns a dispatch needs.</summary>
internal sealed partial class SubscriberStore
{
    /// <summary>
    /// Active subscribers (key, address, name, cadence) of one shard, in key order, optionally only keys from
    /// <paramref name="first"/> to <paramref name="last"/>: what planning and sending a newsletter read.
    /// The cadence is filtered by the caller: a missing property never matches a table filter, so
    /// "not weekly" cannot be asked of the rows that predate it.
    /// </summary>
    public async IAsyncEnumerable<ActiveSubscriber> ActiveAsync(string shard, string? first, string? last,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = first is null || last is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {shard} and Status eq {SubscriberStatus.Active}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and RowKey ge {first} and RowKey le {last} and Status eq {SubscriberStatus.Active}");
        await foreach (var row in QueryAsync(filter, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Who may get the digest of the week from <paramref name="weekStart"/>: active weekly readers, and those
    /// who left the digest for each post during that week. A filter the service applies: few rows travel.
    /// </summary>
    public IAsyncEnumerable<ActiveSubscriber> DigestReadersAsync(string shard, DateTimeOffset weekStart, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {shard} and Status eq {SubscriberStatus.Active} and (Cadence eq {SubscriberCadence.Weekly} or WeeklyUntil ge {weekStart})"),
            cancellationToken);

    private async IAsyncEnumerable<ActiveSubscriber> QueryAsync(string filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ActiveColumns, cancellationToken: cancellationToken))
        {
            if (row.GetString("Email") is { Length: > 0 } email)
            {
                yield return new ActiveSubscriber(row.RowKey, email, row.GetString("Name"),
                    SubscriberCadence.Of(row.GetString("Cadence")), row.GetDateTimeOffset("WeeklySince"), row.GetDateTimeOffset("WeeklyUntil"));
            }
        }
    }

    private static readonly string[] ActiveColumns = ["RowKey", "Email", "Name", "Cadence", "WeeklySince", "WeeklyUntil"];
}

/// <summary>An active subscriber as a newsletter dispatch reads them.</summary>
internal sealed record ActiveSubscriber(string Key, string Email, string? Name, string Cadence, DateTimeOffset? WeeklySince,
    DateTimeOffset? WeeklyUntil);
