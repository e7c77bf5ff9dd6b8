using Microsoft.AspNetCore.Http.Features;

namespace BlogFunctions.Core.Http;

/// <summary>Reads a bounded form body (urlencoded or multipart); malformed → 400, too large → 413, never a 5xx.</summary>
public static class FormBody
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ProblemException(413, "payload_too_large", "The request body is too large", $"The limit is {maxBytes} bytes.");
        }
        var options = new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes,
            ValueLengthLimit = maxBytes,
            ValueCountLimit = 64,
            MultipartHeadersLengthLimit = 4096,
        };
        try
        {
            return await request.ReadFormAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw ProblemException.Validation("invalid_form", "The form body could not be read.");
        }
    }
}
