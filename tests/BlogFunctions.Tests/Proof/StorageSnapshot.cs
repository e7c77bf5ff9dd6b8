using Azure.Data.Tables;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Every entity of every table in a storage account, by key and ETag: two equal snapshots mean
/// nothing was created, changed or deleted in between. Only meaningful on an Azurite no other
/// test writes to (the proof suites start their own).
/// </summary>
public sealed class StorageSnapshot
{
    private readonly SortedDictionary<string, SortedSet<string>> _tables;

    private StorageSnapshot(SortedDictionary<string, SortedSet<string>> tables) => _tables = tables;

    public int EntityCount => _tables.Values.Sum(t => t.Count);

    public int Count(string table) => _tables.TryGetValue(table, out var rows) ? rows.Count : 0;

    public static async Task<StorageSnapshot> TakeAsync(TableServiceClient service, CancellationToken cancellationToken)
    {
        var tables = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken))
        {
            var rows = new SortedSet<string>(StringComparer.Ordinal);
            await foreach (var e in service.GetTableClient(table.Name).QueryAsync<TableEntity>(
                select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add($"{e.PartitionKey}|{e.RowKey}|{e.ETag}");
            }
            tables[table.Name] = rows;
        }
        return new StorageSnapshot(tables);
    }

    /// <summary>What differs, one line per table, or an empty string when nothing does.</summary>
    public string Diff(StorageSnapshot after)
    {
        var lines = new List<string>();
        foreach (var name in _tables.Keys.Union(after._tables.Keys).Order(StringComparer.Ordinal))
        {
            var before = _tables.GetValueOrDefault(name) ?? [];
            var now = after._tables.GetValueOrDefault(name) ?? [];
            var added = now.Except(before).ToArray();
            var removed = before.Except(now).ToArray();
            if (added.Length + removed.Length > 0 || _tables.ContainsKey(name) != after._tables.ContainsKey(name))
            {
                lines.Add($"{name}: +{added.Length} -{removed.Length} (e.g. {added.Concat(removed).FirstOrDefault()})");
            }
        }
        return string.Join("; ", lines);
    }
}
