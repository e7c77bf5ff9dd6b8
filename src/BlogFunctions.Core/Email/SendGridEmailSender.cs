using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Reliability;

namespace BlogFunctions.Core.Email;

/// <summary>
/// SendGrid v3 mail/send through the SendGrid package's client, over the named HttpClient, with
/// the body written as UTF-8 bytes by <see cref="SendGridMailJson"/> (the package's RequestAsync
/// only takes a string, so the request is built here and sent with its MakeRequest). One attempt
/// per call: the package's retry handler is switched off, because a blind retry after a lost
/// response can send twice.
/// </summary>
internal sealed partial class SendGridEmailSender(
    IHttpClientFactory httpClients,
    IOptions<SendGridOptions> sendGrid,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    public const string HttpClientName = "SendGrid";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Recipients.Count, IEmailSender.MaxRecipientsPerMessage);
        using var body = SendGridMailJson.Write(message, email.Value.From, email.Value.FromName);
        var (client, options) = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, MailSendUri(options))
        {
            // The bytes as written, no copy.
            Content = new ReadOnlyMemoryContent(body.Written) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = options.Auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Response response;
        try
        {
            response = await client.MakeRequest(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // Never connected: nothing can have been sent.
            LogFailed(logger, e, message.Kind, "no connection");
            return new EmailSendResult(EmailOutcome.TransientFailure, Error: "connection failed: " + e.HttpRequestError);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(logger, e, message.Kind, "outcome unknown");
            return new EmailSendResult(EmailOutcome.Unknown, Error: "no response: " + e.GetType().Name);
        }
        return await Classify(response, message.Kind, cancellationToken);
    }

    private static Uri MailSendUri(SendGridClientOptions options) =>
        new(options.Host + "/" + options.Version + "/mail/send");

    private (SendGridClient Client, SendGridClientOptions Options) CreateClient()
    {
        var options = new SendGridClientOptions
        {
            ApiKey = sendGrid.Value.ApiKey,
            ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
        };
        if (!string.IsNullOrWhiteSpace(sendGrid.Value.Host))
        {
            options.Host = sendGrid.Value.Host.TrimEnd('/');
        }
        return (new SendGridClient(httpClients.CreateClient(HttpClientName), options), options);
    }

    private async Task<EmailSendResult> Classify(Response response, string kind, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            return new EmailSendResult(EmailOutcome.Sent, id, status);
        }
        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var error = $"SendGrid {status}: {Truncate(body, 500)}";
        LogRefused(logger, kind, status);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new EmailSendResult(EmailOutcome.RateLimited, StatusCode: status, RetryAfter: RetryAfter(response), Error: error);
        }
        return new EmailSendResult(status >= 500 ? EmailOutcome.TransientFailure : EmailOutcome.PermanentFailure,
            StatusCode: status, Error: error);
    }

    /// <summary>Retry-After when given, else X-RateLimit-Reset (epoch seconds), else one second.</summary>
    private TimeSpan RetryAfter(Response response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }
        if (response.Headers.RetryAfter?.Date is { } date)
        {
            return Max(date - time.GetUtcNow());
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow());
        }
        return TimeSpan.FromSeconds(1);
    }

    private static TimeSpan Max(TimeSpan t) => t < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : t;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid send of {Kind} failed ({What})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid refused {Kind} with {Status}")]
    private static partial void LogRefused(ILogger logger, string kind, int status);
}
