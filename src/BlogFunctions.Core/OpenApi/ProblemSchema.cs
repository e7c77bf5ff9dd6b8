using System.Text.Json.Nodes;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// The problem+json body (RFC 9457) every error has, as <see cref="Http.Problems"/> writes it, with
/// <c>code</c> listing every value the API can give. Each operation narrows <c>code</c> to the
/// values its route declares for that status (<see cref="ForCodes"/>). Closed like the other
/// response schemas: the extension members are the ones below and no others.
/// </summary>
internal static class ProblemSchema
{
    public const string Name = "Problem";

    public static JsonObject Build(IEnumerable<string> codes) => new()
    {
        ["type"] = "object",
        ["description"] = "An error (RFC 9457). Clients switch on 'code', which stays stable; 'title' and 'detail' are for people.",
        ["required"] = new JsonArray("title", "status", "code"),
        ["properties"] = new JsonObject
        {
            ["type"] = String("A URI reference naming the kind of problem."),
            ["title"] = String("A short summary for people."),
            ["status"] = new JsonObject { ["type"] = "integer", ["description"] = "The HTTP status." },
            ["detail"] = String("What went wrong in this request, for people."),
            ["instance"] = String("A URI reference naming this occurrence."),
            ["code"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Why the request was refused, for programs.",
                ["enum"] = new JsonArray([.. codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => JsonValue.Create(c))]),
            },
            ["field"] = String("The input member at fault (validation errors)."),
            ["formToken"] = String("A fresh form token to send again with (form_token_invalid, form_token_expired)."),
            ["retryAfterSeconds"] = new JsonObject
            {
                ["type"] = "integer",
                ["description"] = "Seconds to wait before sending the same request again (form_token_too_fast).",
            },
        },
        ["additionalProperties"] = false,
    };

    /// <summary>The problem schema with <c>code</c> narrowed to <paramref name="codes"/>.</summary>
    public static JsonObject ForCodes(IEnumerable<string> codes) => new()
    {
        ["allOf"] = new JsonArray(
            SchemaComponents.Ref(Name),
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["enum"] = new JsonArray([.. codes.Select(c => JsonValue.Create(c))]) },
                },
            }),
    };

    private static JsonObject String(string description) => new() { ["type"] = "string", ["description"] = description };
}
