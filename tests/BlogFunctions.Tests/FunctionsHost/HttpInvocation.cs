using System.Text.Json;
using BlogFunctions.Tests.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// One HTTP-triggered invocation as the host runs it with ASP.NET Core integration: the request is
/// forwarded to the worker's HttpUri with <c>x-ms-invocation-id</c>, the InvocationRequest carries
/// the route values as trigger metadata, and the worker's response is streamed back. A failed
/// invocation aborts the client's response, so no test can mistake it for an answer.
/// </summary>
internal sealed class HttpInvocation(WorkerChannel channel, HttpClient toWorker)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Host",
    };

    public async Task RunAsync(HttpContext context, IndexedFunction function, RouteValueDictionary routeValues)
    {
        var ct = context.RequestAborted;
        var request = Request(context.Request, function, routeValues);
        var invocationId = request.InvocationId;
        var invocation = channel.InvokeAsync(request, CancellationToken.None);

        using var response = await SendWithRetryAsync(context.Request, invocationId, ct);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        {
            await body.CopyToAsync(context.Response.Body, ct);
        }
        var result = await invocation.WaitAsync(TimeSpan.FromMinutes(2), ct);
        if (result.Result.Status != StatusResult.Types.Status.Success)
        {
            context.Abort();
        }
    }

    /// <summary>
    /// Like the host's proxy, retries a forward the worker refused before reading anything (its
    /// HTTP listener can come up after it reported HttpUri); a body once sent is never resent.
    /// </summary>
    private async Task<HttpResponseMessage> SendWithRetryAsync(HttpRequest request, string invocationId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var forward = Forward(request, invocationId);
            try
            {
                return await toWorker.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException e) when (attempt < 5 && e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                await Task.Delay(100 * attempt, ct);
            }
        }
    }

    private static InvocationRequest Request(HttpRequest request, IndexedFunction function, RouteValueDictionary routeValues)
    {
        var http = new RpcHttp { Method = request.Method, Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}" };
        foreach (var header in request.Headers)
        {
            http.Headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }
        foreach (var (key, value) in request.Query)
        {
            http.Query[key] = value.ToString();
        }
        var invocation = WorkerChannel.NewInvocation(function);
        foreach (var (key, value) in routeValues)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            http.Params[key] = text;
            invocation.TriggerMetadata[key] = new TypedData { String = text };
        }
        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(http.Query) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(http.Headers) };
        invocation.InputData.Add(new ParameterBinding { Name = (string)function.Trigger["name"]!, Data = new TypedData { Http = http } });
        return invocation;
    }

    private HttpRequestMessage Forward(HttpRequest request, string invocationId)
    {
        var target = new Uri(channel.HttpUri, $"{request.PathBase}{request.Path}{request.QueryString}");
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }
        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }
        message.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        return message;
    }
}
