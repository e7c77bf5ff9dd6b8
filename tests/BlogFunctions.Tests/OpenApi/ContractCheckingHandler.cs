using System.Net.Http.Headers;
using System.Text.Json;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>A response that does not match the OpenAPI document: thrown to the test that got it.</summary>
public sealed class ContractDriftException(string message) : Exception(message);

/// <summary>
/// Sits in every test client of the hosts (BlogServer, FunctionsServer) and checks each response
/// under /api/ against the OpenAPI document: the status must be declared for the operation, the
/// media type must be one declared for that status (none for 204/304), and a JSON body must
/// validate against the declared schema. A mismatch throws <see cref="ContractDriftException"/>,
/// failing the test that sent the request. CORS preflights (OPTIONS) are outside the document.
/// </summary>
public sealed class ContractCheckingHandler(OpenApiContract contract, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>A client like a plain <c>new HttpClient()</c> (or over <paramref name="inner"/>), checking every answer.</summary>
    public static HttpClient Client(Uri baseAddress, HttpMessageHandler? inner = null, TimeSpan? timeout = null) =>
        new(new ContractCheckingHandler(OpenApiContract.Current, inner ?? new HttpClientHandler()))
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || request.Method == HttpMethod.Options || request.Method == HttpMethod.Head)
        {
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var failure = Check(request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType, body);
        ContractTally.Record(request.RequestUri.Authority, request.Method.Method, path, (int)response.StatusCode, failure);
        if (failure is not null)
        {
            throw new ContractDriftException($"{request.Method} {path} answered {(int)response.StatusCode}, "
                + $"which the OpenAPI document does not allow: {failure}\nBody: {Preview(body)}");
        }
        return response;
    }

    private string? Check(string method, string path, int status, MediaTypeHeaderValue? contentType, byte[] body)
    {
        var mediaType = contentType?.MediaType;
        if (contract.Find(method, path) is not { } found)
        {
            // No operation: the API's catch-all answers a problem+json 404 (or the pipeline's 500 / 503).
            return status is 404 or 500 or 503 && mediaType == "application/problem+json"
                ? Errors(contract.ValidateProblem(Parse(body)))
                : "no operation has this method and path, and the answer is not the route_not_found problem";
        }
        var (template, operation) = found;
        if (OpenApiContract.MediaTypes(operation, status) is not { } declared)
        {
            return $"status {status} is not declared for {method} {template}";
        }
        if (declared.Count == 0)
        {
            return body.Length == 0 ? null : $"status {status} is declared without a body, but {body.Length} bytes came";
        }
        if (mediaType is null || !declared.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return $"Content-Type {mediaType ?? "(none)"} is not among the declared {string.Join(", ", declared)}";
        }
        // JSON lines (the export) are many documents, not one: the media type is what is checked.
        if (!mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Errors(contract.Validate(template, method, status, mediaType, Parse(body)));
    }

    private static JsonElement Parse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ContractDriftException("a JSON response that does not parse: " + e.Message);
        }
    }

    private static string? Errors(IReadOnlyList<string> errors) => errors.Count == 0 ? null : string.Join("; ", errors);

    private static string Preview(byte[] body) =>
        body.Length == 0 ? "(empty)" : System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 600));
}
