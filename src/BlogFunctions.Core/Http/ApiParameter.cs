namespace BlogFunctions.Core.Http;

/// <summary>
/// A query or header parameter a route reads, declared beside it for the OpenAPI document (path
/// parameters come from the template). <see cref="Repeated"/>: given once per value (?id=a&amp;id=b).
/// </summary>
internal sealed record ApiParameter(string Name, string In, string Description, bool Required = false, bool Repeated = false)
{
    /// <summary>Set for a whole-number parameter: its largest value (the smallest is 1).</summary>
    public int? Maximum { get; init; }

    public static ApiParameter Query(string name, string description, bool required = false, bool repeated = false) =>
        new(name, "query", description, required, repeated);

    public static ApiParameter Header(string name, string description) => new(name, "header", description);

    public static ApiParameter Cursor { get; } = Query("cursor", "The 'next' of the previous page; absent for the first page.");

    public static ApiParameter Limit(int defaultLimit, int maxLimit) =>
        Query("limit", $"Items per page (default {defaultLimit}).") with { Maximum = maxLimit };
}
