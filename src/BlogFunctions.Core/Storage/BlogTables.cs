using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Storage;

/// <summary>A table a feature needs; every registered name is created at start-up.</summary>
internal sealed record BlogTableName(string Name);

/// <summary>Hands out cached <see cref="TableClient"/>s for the registered tables.</summary>
internal sealed class BlogTables(TableServiceClient service, IEnumerable<BlogTableName> names)
{
    private readonly ConcurrentDictionary<string, TableClient> _clients = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names { get; } = names.Select(n => n.Name).Distinct().ToArray();

    public TableServiceClient Service => service;

    public TableClient this[string name] => _clients.GetOrAdd(name, service.GetTableClient);
}
