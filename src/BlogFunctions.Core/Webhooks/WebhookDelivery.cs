using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// The webhooks queue: POSTs one event to one endpoint, signed with the endpoint's secret. A 2xx is
/// done; anything else (status, timeout, refused connection) re-enqueues the message with the next
/// <see cref="WebhookBackoff"/> delay until 24 h after the event, then gives up and says so in the
/// log and the delivery log. Every attempt is a delivery-log row (kind <c>webhook</c>). At least
/// once: a crash after the POST delivers again under the same event id, which receivers dedupe.
/// </summary>
internal sealed partial class WebhookDelivery(IHttpClientFactory http, WorkQueueClient queue, DeliveryLog log,
    IOptionsMonitor<WebhooksOptions> options, TimeProvider time, ILogger<WebhookDelivery> logger) : IQueueWork
{
    public const string HttpClientName = "webhooks";
    public const string Kind = "webhook";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Queue => WorkQueues.Webhooks;

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var m = JsonSerializer.Deserialize(message, WebhookMessageJson.Default.WebhookMessage)
            ?? throw new FormatException("Not a webhook message: " + message);
        var settings = options.CurrentValue;
        if (settings.Endpoints.FirstOrDefault(e => e.Url == m.Url) is not { } endpoint)
        {
            LogEndpointGone(logger, m.Id, m.Type);
            return; // removed from the settings since: nobody wants it any more
        }
        var (status, error) = await PostAsync(endpoint, m, cancellationToken);
        var delivered = status is >= 200 and < 300;
        var next = delivered ? null : WebhookBackoff.Next(m.Attempt, m.At, time.GetUtcNow(), TimeSpan.FromSeconds(settings.FirstRetrySeconds));
        var outcome = delivered ? "delivered" : next is null ? "given_up" : "failed";
        await log.RecordAsync(new DeliveryRecord(Kind, new EmailSendResult(delivered ? EmailOutcome.Sent : EmailOutcome.TransientFailure,
            m.Id, status, null, error is null ? null : $"attempt {m.Attempt} to {Describe(m.Url)}: {error}"))
        {
            Recipients = 1,
            PostId = m.PostId,
            CommentId = m.CommentId,
            Outcome = outcome,
        }, cancellationToken);
        if (delivered)
        {
            return;
        }
        if (next is not { } delay)
        {
            LogGivenUp(logger, m.Id, m.Type, Describe(m.Url), m.Attempt, error ?? "");
            return;
        }
        LogRetrying(logger, m.Id, m.Type, Describe(m.Url), m.Attempt, error ?? "", delay);
        // Throws when the queue is out: the host retries this message, which only means one more POST.
        await queue.SendAsync(WorkQueues.Webhooks, m with { Attempt = m.Attempt + 1 }, WebhookMessageJson.Default.WebhookMessage, delay,
            cancellationToken);
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookMessage m, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(m.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(endpoint.Secret, time.GetUtcNow(), m.Body));
        request.Headers.Add(WebhookSignature.EventIdHeader, m.Id);
        request.Headers.Add(WebhookSignature.EventTypeHeader, m.Type);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"HTTP {code}");
        }
        catch (HttpRequestException e)
        {
            return ((int?)e.StatusCode, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>An endpoint for logs and the delivery log: scheme, host and port only, since Slack and Discord URLs carry their token in the path.</summary>
    public static string Describe(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : "(invalid URL)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} ({Type}) to {Endpoint}: attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string eventId, string type, string endpoint, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {EventId} ({Type}) to {Endpoint} given up after {Attempt} attempts over 24 h; last error: {Error}")]
    private static partial void LogGivenUp(ILogger logger, string eventId, string type, string endpoint, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} ({Type}) dropped: its endpoint is no longer configured")]
    private static partial void LogEndpointGone(ILogger logger, string eventId, string type);
}
