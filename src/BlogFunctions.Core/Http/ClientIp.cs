using System.Net;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Http;

public sealed class ClientIp(IOptions<ClientIpOptions> options)
{
    public string Resolve(HttpRequest request)
    {
        if (options.Value.TrustForwardedFor)
        {
            string? forwarded = request.Headers["X-Forwarded-For"];
            if (!string.IsNullOrWhiteSpace(forwarded))
            {
                var first = forwarded.Split(',')[0].Trim();
                // Azure's front end appends the port ("1.2.3.4:5678", "[::1]:5678").
                if (IPEndPoint.TryParse(first, out var endpoint))
                {
                    return endpoint.Address.ToString();
                }
            }
        }
        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
