namespace BlogFunctions.Core.Http;

/// <summary>
/// Reads an HTML form body. A malformed multipart body makes ASP.NET Core throw IOException or
/// InvalidDataException, which the pipeline would otherwise take for a storage outage (503):
/// it is the client's fault, so it becomes 400 <c>invalid_form</c>.
/// </summary>
public static class FormBody
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new ProblemException(400, "invalid_form", "The form could not be read",
                "Send the fields as application/x-www-form-urlencoded or well-formed multipart/form-data.");
        }
    }
}
