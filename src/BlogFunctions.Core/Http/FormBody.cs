using Microsoft.AspNetCore.Http.Features;

namespace BlogFunctions.Core.Http;

/// <summary>
/// Reads a bounded form body (urlencoded or multipart) with the contract's errors. A malformed
/// multipart body makes ASP.NET Core throw IOException or InvalidDataException; unhandled, the
/// pipeline would take the IOException for a storage outage and answer 503.
/// </summary>
internal static class FormBody
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, int maxBytes = JsonBody.DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(413, "payload_too_large", "The request body is too large", $"The limit is {maxBytes} bytes.");
        }
        var options = new FormOptions
        {
            BufferBody = false,
            ValueLengthLimit = maxBytes,
            MultipartBodyLengthLimit = maxBytes,
            MultipartHeadersLengthLimit = Math.Min(maxBytes, 16 * 1024),
            ValueCountLimit = 64,
        };
        try
        {
            return await request.ReadFormAsync(options, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            // Raised for limits as well as for broken framing; the message says which, without echoing input.
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? new ProblemException(413, "payload_too_large", "The request body is too large", $"The limit is {maxBytes} bytes.")
                : ProblemException.Validation("invalid_form", "The form body is malformed.");
        }
        catch (IOException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw ProblemException.Validation("invalid_form", "The form body is malformed.");
        }
    }
}
