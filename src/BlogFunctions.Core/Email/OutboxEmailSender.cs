using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Email;

/// <summary>
/// Development stand-in for SendGrid when no API key is set: each recipient's email becomes three
/// files under <see cref="EmailOptions.OutboxPath"/> (<c>.json</c> envelope and headers,
/// <c>.html</c>, <c>.txt</c>), with substitutions applied as SendGrid would.
/// </summary>
internal sealed partial class OutboxEmailSender(
    IOptions<EmailOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    private static long _sequence;

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.OutboxPath));

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Recipients.Count, IEmailSender.MaxRecipientsPerMessage);
        Directory.CreateDirectory(Folder);
        var now = time.GetUtcNow();
        var messageId = "outbox-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var r in message.Recipients)
        {
            var id = string.Create(CultureInfo.InvariantCulture,
                $"{now:yyyyMMdd-HHmmss-fff}-{Interlocked.Increment(ref _sequence):D6}-{message.Kind}");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["From"] = $"{HeaderSafe.Clean(options.Value.FromName)} <{options.Value.From}>",
                ["To"] = string.IsNullOrWhiteSpace(r.Name) ? HeaderSafe.Address(r.Email) : $"{HeaderSafe.Clean(r.Name)} <{HeaderSafe.Address(r.Email)}>",
                ["Subject"] = HeaderSafe.Clean(Substitute(message.Subject, r)),
                ["Date"] = now.ToString("R", CultureInfo.InvariantCulture),
                ["X-Message-Id"] = messageId,
            };
            foreach (var (k, v) in r.Headers)
            {
                headers[k] = HeaderSafe.Clean(v);
            }
            var envelope = new OutboxEnvelope(id, message.Kind, now, r.Email, headers,
                new Dictionary<string, string>(message.CustomArgs.Concat(r.CustomArgs)));
            var basePath = Path.Combine(Folder, id);
            await File.WriteAllTextAsync(basePath + ".html", Substitute(message.Html, r), cancellationToken);
            await File.WriteAllTextAsync(basePath + ".txt", Substitute(message.Text, r), cancellationToken);
            // The envelope last: a listing that sees it can rely on the bodies being there.
            await File.WriteAllTextAsync(basePath + ".json",
                JsonSerializer.Serialize(envelope, EmailJsonContext.Default.OutboxEnvelope), cancellationToken);
        }
        LogWritten(logger, message.Recipients.Count, message.Kind, Folder);
        return new EmailSendResult(EmailOutcome.Sent, messageId, 202);
    }

    private static string Substitute(string value, EmailRecipient recipient)
    {
        foreach (var (k, v) in recipient.Substitutions)
        {
            value = value.Replace(k, v, StringComparison.Ordinal);
        }
        return value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dev outbox: wrote {Count} {Kind} email(s) to {Folder}")]
    private static partial void LogWritten(ILogger logger, int count, string kind, string folder);
}

/// <summary>The .json file of one dev-outbox email.</summary>
internal sealed record OutboxEnvelope(string Id, string Kind, DateTimeOffset At, string To,
    Dictionary<string, string> Headers, Dictionary<string, string> CustomArgs);

[System.Text.Json.Serialization.JsonSerializable(typeof(OutboxEnvelope))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class EmailJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
