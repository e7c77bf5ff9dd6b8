using System.Text.Json;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// Streams an upload to storage without holding it: the body itself is the file, or a
/// multipart/form-data body carries it as part <c>file</c> with an optional part <c>map</c> (JSON:
/// URL → post id, at most 1 MB). More than the limit → 413 whenever it shows, at once from
/// Content-Length or while reading.
/// </summary>
internal sealed class ImportUploadInput(HttpRequest request, long maxBytes)
{
    private const int MaxMapBytes = 1024 * 1024;

    public async Task<long> ReceiveAsync(Func<Stream, CancellationToken, Task> storeFile,
        Func<Dictionary<string, string>, CancellationToken, Task> storeMap, CancellationToken cancellationToken)
    {
        var multipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        var allowed = maxBytes + (multipart ? MaxMapBytes + 64 * 1024 : 0);
        if (request.ContentLength > allowed)
        {
            throw TooLarge();
        }
        // The hosts' outer bound is made for comments; this route alone may take a file.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = allowed;
        }
        if (!multipart)
        {
            return await StoreAsync(request.Body, storeFile, cancellationToken);
        }
        var boundary = HeaderUtilities.RemoveQuotes(type!.Boundary).Value
            ?? throw ProblemException.Validation("bad_request", "The multipart body names no boundary.");
        var reader = new MultipartReader(boundary, request.Body);
        long? size = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
            if (name == "map")
            {
                await storeMap(await ReadMapAsync(section.Body, cancellationToken), cancellationToken);
            }
            else if (name == "file")
            {
                size = await StoreAsync(section.Body, storeFile, cancellationToken);
            }
        }
        return size ?? throw ProblemException.Validation("file_required", "The multipart body has no part named 'file'.", "file");
    }

    private async Task<long> StoreAsync(Stream body, Func<Stream, CancellationToken, Task> storeFile, CancellationToken cancellationToken)
    {
        var limited = new LimitedStream(body, maxBytes);
        try
        {
            await storeFile(limited, cancellationToken);
        }
        catch (Exception) when (limited.Exceeded)
        {
            throw TooLarge();
        }
        return limited.Count > 0 ? limited.Count : throw ProblemException.Validation("file_required", "The file is empty.", "file");
    }

    private static async Task<Dictionary<string, string>> ReadMapAsync(Stream body, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? map;
        try
        {
            var limited = new LimitedStream(body, MaxMapBytes);
            map = await JsonSerializer.DeserializeAsync(limited, ImportJson.Default.DictionaryStringString, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw ProblemException.Validation("invalid_map", "map is a JSON object of URL → post id, at most 1 MB.", "map");
        }
        var bad = map?.FirstOrDefault(p => !CommentIds.IsValidPostId(p.Value));
        if (map is null || bad is { Key: not null })
        {
            throw ProblemException.Validation("invalid_map",
                $"Every post id in the map is 1–100 characters of a-z 0-9 _ - ('{bad?.Value}' is not).", "map");
        }
        return map;
    }

    private ProblemException TooLarge() => new(413, "payload_too_large", "The file is too large",
        $"An import file has at most {maxBytes / (1024 * 1024)} MB.");
}
