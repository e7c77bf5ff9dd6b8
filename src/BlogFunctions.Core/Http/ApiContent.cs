using System.Text.Json.Serialization.Metadata;

namespace BlogFunctions.Core.Http;

/// <summary>
/// One media type of a request or response body, declared beside its route: JSON of the C# type
/// the handler reads or writes (its schema is exported from the same <see cref="JsonTypeInfo"/>),
/// a problem with the codes the route can give, form fields, or an opaque body (page, script, CSV).
/// </summary>
internal sealed record ApiContent(string MediaType)
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";
    public const string Form = "application/x-www-form-urlencoded";
    public const string Html = "text/html";

    /// <summary>The type on the wire, with the serializer options that write or read it.</summary>
    public JsonTypeInfo? Body { get; init; }

    /// <summary>The problem <c>code</c> values this answer can carry.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Form fields of a body no C# type describes (a link's token).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    public static ApiContent JsonOf(JsonTypeInfo body) => new(Json) { Body = body };

    /// <summary>Form fields named like the JSON properties of <paramref name="body"/>.</summary>
    public static ApiContent FormOf(JsonTypeInfo body) => new(Form) { Body = body };

    public static ApiContent FormFields(params string[] fields) => new(Form) { Fields = fields };
}
