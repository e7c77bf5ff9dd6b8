using System.Text.Json.Nodes;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// The responses of one operation: the route's declarations merged by status and media type, plus
/// what <see cref="ApiPipeline"/> answers on every route (401 on moderator routes, 500, 503).
/// </summary>
internal static class ResponseSet
{
    public static IEnumerable<ApiResponse> WithPipeline(ApiRoute route)
    {
        foreach (var response in route.Responses)
        {
            yield return response;
        }
        if (route.Access == RouteAccess.Moderator)
        {
            yield return ApiResponse.Problem(401, "unauthorized");
        }
        yield return ApiResponse.Problem(500, "internal_error");
        yield return ApiResponse.Problem(503, "storage_unavailable");
    }

    public static JsonObject Build(IEnumerable<ApiResponse> responses, SchemaComponents schemas)
    {
        var all = new JsonObject();
        foreach (var status in responses.GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            var response = new JsonObject
            {
                ["description"] = string.Join("; ", status.Select(r => r.Description).Distinct(StringComparer.Ordinal)),
            };
            if (status.Key is 429 or 503)
            {
                response["headers"] = new JsonObject
                {
                    ["Retry-After"] = new JsonObject
                    {
                        ["description"] = "Seconds to wait before retrying.",
                        ["schema"] = new JsonObject { ["type"] = "integer" },
                    },
                };
            }
            var contents = status.Where(r => r.Content is not null).Select(r => r.Content!).ToList();
            if (contents.Count > 0)
            {
                if (contents.Count < status.Count())
                {
                    throw new InvalidOperationException($"Status {status.Key} is declared both with and without a body.");
                }
                response["content"] = Content(contents, schemas);
            }
            all[OperationBuilder.Key(status.Key)] = response;
        }
        return all;
    }

    private static JsonObject Content(List<ApiContent> contents, SchemaComponents schemas)
    {
        var byType = new JsonObject();
        foreach (var media in contents.GroupBy(c => c.MediaType, StringComparer.Ordinal))
        {
            byType[media.Key] = new JsonObject { ["schema"] = Schema(media.Key, [.. media], schemas) };
        }
        return byType;
    }

    private static JsonNode Schema(string mediaType, List<ApiContent> declared, SchemaComponents schemas)
    {
        if (mediaType == ApiContent.Problem)
        {
            return ProblemSchema.ForCodes(declared.SelectMany(c => c.Codes).Distinct(StringComparer.Ordinal));
        }
        var types = declared.Where(c => c.Body is not null).Select(c => c.Body!).DistinctBy(t => t.Type).ToList();
        return types.Count switch
        {
            0 when mediaType == ApiContent.Json => new JsonObject { ["type"] = "object" },
            0 => new JsonObject { ["type"] = "string" },
            1 => schemas.For(types[0], response: true),
            _ => throw new InvalidOperationException($"One status declares {types.Count} JSON types; give each its own status."),
        };
    }
}
