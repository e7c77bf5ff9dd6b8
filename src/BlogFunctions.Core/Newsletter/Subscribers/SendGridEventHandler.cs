using System.Globalization;
using System.Text;
using System.Text.Json;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// POST /api/sendgrid/events: SendGrid's signed event webhook. The ECDSA signature over
/// timestamp + raw body is checked with the SendGrid package's validator before anything is
/// parsed; stale timestamps are refused so a captured request cannot be replayed later.
/// </summary>
internal sealed partial class SendGridEventHandler(
    SendGridEventProcessor processor,
    IOptions<SendGridOptions> options,
    TimeProvider time,
    ILogger<SendGridEventHandler> logger)
{
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly Lazy<EllipticCurve.PublicKey?> _key = new(() => ParseKey(options.Value.WebhookPublicKey));

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadBoundedAsync(request, MaxBodyBytes, cancellationToken);
        string signature = request.Headers[RequestValidator.SIGNATURE_HEADER].ToString();
        string timestamp = request.Headers[RequestValidator.TIMESTAMP_HEADER].ToString();
        if (!IsAuthentic(body, signature, timestamp, out var why))
        {
            LogRejected(logger, why);
            return Problems.Create(401, "invalid_signature", "The event webhook signature is not valid", why);
        }
        List<SendGridEvent> events;
        try
        {
            events = SendGridEvent.ParseAll(body);
        }
        catch (JsonException)
        {
            throw ProblemException.Validation("invalid_json", "The body must be a JSON array of events.");
        }
        var processed = await processor.ProcessAsync(events, cancellationToken);
        return Results.Json(new EventsAccepted(events.Count, processed), SubscriberAnswersJson.Default.EventsAccepted);
    }

    private bool IsAuthentic(byte[] body, string signature, string timestamp, out string why)
    {
        why = "";
        if (_key.Value is not { } key)
        {
            why = "SendGrid:WebhookPublicKey is not configured (or not a valid key)";
            return false;
        }
        if (signature.Length == 0 || timestamp.Length == 0)
        {
            why = "signature or timestamp header missing";
            return false;
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799))).Duration() > MaxAge)
        {
            why = "timestamp missing, malformed or more than 10 minutes away";
            return false;
        }
        try
        {
            var payload = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            if (new RequestValidator().VerifySignature(key, payload, signature, timestamp))
            {
                return true;
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or DecoderFallbackException or IndexOutOfRangeException or InvalidOperationException)
        {
            // A malformed signature is just a wrong one.
        }
        why = "signature does not verify";
        return false;
    }

    private static EllipticCurve.PublicKey? ParseKey(string base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }
        try
        {
            return new RequestValidator().ConvertPublicKeyToECDSA(base64.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid event webhook rejected: {Why}")]
    private static partial void LogRejected(ILogger logger, string why);
}

internal sealed record EventsAccepted(int Received, int Processed);
