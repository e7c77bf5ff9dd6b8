using System.Text.Json;
using System.Text.Json.Serialization;
using SendGrid;

namespace BlogFunctions.Core.Email;

/// <summary>
/// The v3 mail/send body, written with System.Text.Json's source generator. The SendGrid package's
/// own <c>SendGridMessage.Serialize</c> (Newtonsoft, reflection) was most of the CPU a newsletter
/// chunk of 1,000 personalizations cost; this writes the same JSON (same names, nulls omitted)
/// several times faster. The request itself still goes through the package's client.
/// </summary>
internal static class SendGridMailJson
{
    public static string Serialize(EmailMessage message, string from, string? fromName)
    {
        var mail = new SgMail(
            new SgAddress(from, HeaderSafe.CleanOrNull(fromName)),
            HeaderSafe.Clean(message.Subject),
            message.Recipients.Select(r => new SgPersonalization(
                [new SgAddress(HeaderSafe.Address(r.Email), HeaderSafe.CleanOrNull(r.Name))],
                r.Headers.Count == 0 ? null : r.Headers.ToDictionary(h => h.Key, h => HeaderSafe.Clean(h.Value)),
                r.Substitutions.Count == 0 ? null : r.Substitutions,
                r.CustomArgs.Count == 0 ? null : r.CustomArgs)).ToList(),
            // SendGrid requires text/plain before text/html.
            [new SgContent(MimeType.Text, message.Text), new SgContent(MimeType.Html, message.Html)],
            [message.Kind],
            message.CustomArgs.Count == 0 ? null : message.CustomArgs);
        return JsonSerializer.Serialize(mail, SendGridJsonContext.Default.SgMail);
    }
}

internal sealed record SgAddress([property: JsonPropertyName("email")] string Email, [property: JsonPropertyName("name")] string? Name);

internal sealed record SgContent([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("value")] string Value);

internal sealed record SgPersonalization(
    [property: JsonPropertyName("to")] IReadOnlyList<SgAddress> To,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("substitutions")] IReadOnlyDictionary<string, string>? Substitutions,
    [property: JsonPropertyName("custom_args")] IReadOnlyDictionary<string, string>? CustomArgs);

internal sealed record SgMail(
    [property: JsonPropertyName("from")] SgAddress From,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("personalizations")] IReadOnlyList<SgPersonalization> Personalizations,
    [property: JsonPropertyName("content")] IReadOnlyList<SgContent> Content,
    [property: JsonPropertyName("categories")] IReadOnlyList<string> Categories,
    [property: JsonPropertyName("custom_args")] IReadOnlyDictionary<string, string>? CustomArgs);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SgMail))]
internal sealed partial class SendGridJsonContext : JsonSerializerContext;
