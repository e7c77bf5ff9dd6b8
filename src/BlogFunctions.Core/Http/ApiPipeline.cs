using Azure;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Http;

/// <summary>
/// What every handler runs inside, in both hosts: CORS headers, the credential check for
/// moderator routes, and the mapping of failures to problem+json (input validation and domain
/// refusals → 4xx, see <see cref="Problems.From(DomainException)"/>, storage
/// outage → 503 + Retry-After, anything else → logged 500).
/// </summary>
internal sealed partial class ApiPipeline(CorsPolicy cors, ModeratorAuth auth, TableInitializer tables, ILogger<ApiPipeline> logger)
{
    public const int StorageRetryAfterSeconds = 5;

    /// <summary>Serves <paramref name="request"/> with <paramref name="route"/>'s handler, under its access rule.</summary>
    public Task<IResult> RunAsync(ApiRoute route, HttpRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, route.Access, () => route.Invoke(request, cancellationToken));

    // Private: every route is served through the overload above, so no handler can wrap itself.
    private async Task<IResult> RunAsync(HttpRequest request, RouteAccess access,
        Func<Task<IResult>> handler)
    {
        cors.Apply(request.HttpContext);
        if (access == RouteAccess.Moderator && !auth.IsModerator(request))
        {
            return Problems.Unauthorized();
        }
        try
        {
            if (!tables.FirstAttempt.IsCompleted)
            {
                await tables.FirstAttempt; // only the requests that arrive during start-up
            }
            return await handler();
        }
        catch (ProblemException e)
        {
            return Problems.From(e);
        }
        catch (DomainException e)
        {
            return Problems.From(e);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (body size, malformed framing) surface here.
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.Create(413, "payload_too_large", "The request body is too large")
                : Problems.Create(400, "bad_request", "The request could not be read", e.Message);
        }
        catch (InvalidDataException)
        {
            // Malformed request framing (a form body) that a handler read without FormBody.
            return Problems.Create(400, "bad_request", "The request could not be read");
        }
        catch (Exception e) when (StorageFailures.IsOutage(e, request.HttpContext.RequestAborted))
        {
            LogStorageOutage(logger, e, request.Path);
            if (StorageFailures.IsMissingTable(e))
            {
                // Deleted while we ran: create it again now, so the client's retry finds it.
                await tables.RecreateAsync();
            }
            return Problems.StorageUnavailable(StorageRetryAfterSeconds);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing will read this response.
            return Results.Empty;
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, request.Method, request.Path);
            return Problems.Internal();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Path}")]
    private static partial void LogStorageOutage(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, PathString path);
}
