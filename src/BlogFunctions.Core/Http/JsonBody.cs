using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Http;

/// <summary>Reads a bounded JSON request body with the contract's errors: 415, 413, 400.</summary>
internal static class JsonBody
{
    public const int DefaultMaxBytes = 16 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo,
        int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default) where T : class
    {
        if (!IsJson(request.ContentType))
        {
            throw new ProblemException(415, "unsupported_media_type", "Unsupported media type",
                "Send the body as application/json.");
        }
        var bytes = await ReadBoundedAsync(request, maxBytes, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw ProblemException.Validation("invalid_json", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ProblemException.Validation("invalid_json", "The body is not valid JSON: " + Describe(e));
        }
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.HasValue
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most <paramref name="maxBytes"/>, failing with 413 beyond, whatever Content-Length claims.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 1024, maxBytes));
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemException TooLarge(int maxBytes) =>
        new(413, "payload_too_large", "The request body is too large", $"The limit is {maxBytes} bytes.");

    // JsonException messages name the path and position but can echo input; keep the location only.
    private static string Describe(JsonException e) =>
        e.Path is null ? "malformed document." : $"problem at {e.Path} (line {e.LineNumber + 1}).";
}
