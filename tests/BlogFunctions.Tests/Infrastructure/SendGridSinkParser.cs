using System.Net.Mail;
using System.Text;
using System.Text.Json;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// Checks a mail/send body against SendGrid's documented v3 rules (the ones a client can break):
/// 1..1000 personalizations, at most 1000 recipients (to + cc + bcc) per request, each address
/// once, from/subject/content unless a template, text/plain before text/html, no reserved or
/// multi-line headers, string-valued custom_args and substitutions under 10,000 bytes.
/// Reads the body once with <see cref="JsonDocument"/> (pooled, no node tree) and keeps only the
/// parsed values: the benchmark runs this sink on the same 2 cores as the code it measures.
/// </summary>
internal static class SendGridSinkParser
{
    public const int MaxPersonalizations = 1000;
    public const int MaxRecipients = 1000;
    public const int MaxCustomArgsBytes = 10_000;
    public const int MaxSubstitutionBytes = 10_000;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-sg-id", "x-sg-eid", "received", "dkim-signature", "Content-Type", "Content-Transfer-Encoding",
        "To", "From", "Subject", "Reply-To", "CC", "BCC",
    };

    public static (SinkRequest? Request, List<string> Errors) Parse(ReadOnlyMemory<byte> body, string messageId, DateTimeOffset now)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return Parse(document.RootElement, messageId, now);
            }
        }
        catch (JsonException)
        {
        }
        return (null, ["Bad Request: the body must be a JSON object."]);
    }

    private static (SinkRequest? Request, List<string> Errors) Parse(JsonElement root, string messageId, DateTimeOffset now)
    {
        var errors = new List<string>();
        var templateId = Str(root, "template_id");
        var from = Address(Prop(root, "from"), "from", errors);
        if (from is null)
        {
            errors.Add("The from object must be provided for every email send.");
        }
        var subject = Str(root, "subject");
        var content = new List<SinkContent>();
        if (Prop(root, "content") is { ValueKind: JsonValueKind.Array } contentArray)
        {
            foreach (var c in contentArray.EnumerateArray())
            {
                var type = Str(c, "type");
                var value = Str(c, "value");
                if (string.IsNullOrEmpty(type) || string.IsNullOrEmpty(value))
                {
                    errors.Add("The content value must be a string at least one character in length.");
                    continue;
                }
                content.Add(new SinkContent(type, value));
            }
            var plain = content.FindIndex(c => c.Type == "text/plain");
            if (plain > 0)
            {
                errors.Add("If present, text/plain content must be first, followed by any other content.");
            }
        }
        if (templateId is null && content.Count == 0)
        {
            errors.Add("Unless a valid template_id is provided, the content parameter is required.");
        }
        var headers = Headers(Prop(root, "headers"), errors);
        var customArgs = Strings(Prop(root, "custom_args"), "custom_args", errors);
        if (Bytes(customArgs) > MaxCustomArgsBytes)
        {
            errors.Add("The custom_args parameter exceeds 10,000 bytes.");
        }
        CheckHeaderValue(subject, "subject", errors);

        var personalizations = new List<SinkPersonalization>();
        var ps = Prop(root, "personalizations");
        var count = ps?.ValueKind == JsonValueKind.Array ? ps.Value.GetArrayLength() : 0;
        if (count == 0)
        {
            errors.Add("You must have at least one personalization.");
        }
        else if (count > MaxPersonalizations)
        {
            errors.Add($"The personalization block is limited to 1000 personalizations per API request. You have provided {count} personalizations.");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var recipients = 0;
            foreach (var p in ps!.Value.EnumerateArray())
            {
                var to = Addresses(Prop(p, "to"), "to", errors);
                if (to.Count == 0)
                {
                    errors.Add("The to array is required for all personalization objects, and must have at least one email object.");
                }
                var cc = Addresses(Prop(p, "cc"), "cc", errors);
                var bcc = Addresses(Prop(p, "bcc"), "bcc", errors);
                foreach (var a in to.Concat(cc).Concat(bcc))
                {
                    recipients++;
                    if (!seen.Add(a.Email))
                    {
                        errors.Add("Each email address in the personalization block should be unique between to, cc, and bcc.");
                    }
                }
                var ownSubject = Str(p, "subject");
                CheckHeaderValue(ownSubject, "personalizations.subject", errors);
                if (templateId is null && string.IsNullOrEmpty(ownSubject ?? subject))
                {
                    errors.Add("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.");
                }
                var subs = Strings(Prop(p, "substitutions"), "substitutions", errors);
                if (Bytes(subs) > MaxSubstitutionBytes)
                {
                    errors.Add("The substitutions of a personalization exceed 10,000 bytes.");
                }
                var args = Strings(Prop(p, "custom_args"), "custom_args", errors);
                if (Bytes(args) + Bytes(customArgs) > MaxCustomArgsBytes)
                {
                    errors.Add("The custom_args parameter exceeds 10,000 bytes.");
                }
                personalizations.Add(new SinkPersonalization(to, cc, bcc, ownSubject, Headers(Prop(p, "headers"), errors), subs, args));
            }
            if (recipients > MaxRecipients)
            {
                errors.Add("There is a limit of 1000 total recipients (to + cc + bcc) per request.");
            }
        }
        var replyTo = Prop(root, "reply_to") is { } reply ? Address(reply, "reply_to", errors) : null;
        var categories = Prop(root, "categories") is { ValueKind: JsonValueKind.Array } cats
            ? cats.EnumerateArray().Select(Str).OfType<string>().ToList()
            : [];
        if (errors.Count > 0 || from is null)
        {
            return (null, errors);
        }
        return (new SinkRequest(messageId, now, from, replyTo, subject, templateId, content, headers, customArgs,
            categories, personalizations), errors);
    }

    /// <summary>A property of an object, or null when absent, JSON null, or the element is no object.</summary>
    private static JsonElement? Prop(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? Str(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static string? Str(JsonElement? element, string name) => Prop(element, name) is { } v ? Str(v) : null;

    private static int Bytes(IReadOnlyDictionary<string, string> map)
    {
        var bytes = 0;
        foreach (var (k, v) in map)
        {
            bytes += Encoding.UTF8.GetByteCount(k) + Encoding.UTF8.GetByteCount(v);
        }
        return bytes;
    }

    private static void CheckHeaderValue(string? value, string field, List<string> errors)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add($"The {field} may not contain line breaks.");
        }
    }

    private static SinkAddress? Address(JsonElement? node, string field, List<string> errors)
    {
        var email = Str(node, "email");
        if (email is null)
        {
            return null;
        }
        var name = Str(node, "name");
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || email.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add($"Does not contain a valid address ({field}).");
            return null;
        }
        CheckHeaderValue(name, field + ".name", errors);
        return new SinkAddress(email, name);
    }

    private static readonly SinkAddress[] NoAddresses = [];

    private static IReadOnlyList<SinkAddress> Addresses(JsonElement? node, string field, List<string> errors)
    {
        if (node is not { ValueKind: JsonValueKind.Array } array)
        {
            return NoAddresses;
        }
        var list = new List<SinkAddress>(array.GetArrayLength());
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Address(item, field, errors) is { } a)
                {
                    list.Add(a);
                }
                else if (Str(item, "email") is null)
                {
                    errors.Add($"Each {field} object must at least have an email address.");
                }
            }
        }
        return list;
    }

    // Most personalizations have no cc, bcc or custom_args: one shared empty map instead of 100k.
    private static readonly IReadOnlyDictionary<string, string> NoStrings = new Dictionary<string, string>();

    private static IReadOnlyDictionary<string, string> Strings(JsonElement? node, string field, List<string> errors,
        StringComparer? comparer = null)
    {
        if (node is not { ValueKind: JsonValueKind.Object } obj)
        {
            return NoStrings;
        }
        var map = new Dictionary<string, string>(comparer ?? StringComparer.Ordinal);
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (Str(property.Value) is { } s)
                {
                    map[property.Name] = s;
                }
                else
                {
                    errors.Add($"Values of {field} must be strings ({property.Name}).");
                }
            }
        }
        return map;
    }

    private static IReadOnlyDictionary<string, string> Headers(JsonElement? node, List<string> errors)
    {
        var map = Strings(node, "headers", errors, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in map)
        {
            if (ReservedHeaders.Contains(k))
            {
                errors.Add($"The header {k} is reserved and may not be set.");
            }
            CheckHeaderValue(v, "headers." + k, errors);
            CheckHeaderValue(k, "headers", errors);
        }
        return map;
    }
}
