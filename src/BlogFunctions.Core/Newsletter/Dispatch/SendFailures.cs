using System.Net;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Decides from an exception or status whether a mail-send request may have been accepted.</summary>
public static class SendFailures
{
    /// <summary>
    /// Only failures before any byte of the request left (no connection, DNS, TLS) are safe to
    /// repeat; a dropped connection or a timeout after that may hide an accepted request.
    /// </summary>
    public static SendOutcome Classify(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => SendOutcome.Failed,
        _ => SendOutcome.Uncertain,
    };

    /// <summary>An answer of SendGrid: 2xx accepted; anything else was not (429, 5xx, 4xx).</summary>
    public static SendOutcome Classify(HttpStatusCode status) =>
        (int)status is >= 200 and < 300 ? SendOutcome.Sent : SendOutcome.Failed;

    /// <summary>Worth retrying within the run: throttling and server errors.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}
