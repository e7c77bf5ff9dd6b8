using System.Text.Json;

namespace BlogFunctions.Core.Email;

/// <summary>
/// The v3 mail/send body, written in one pass with <see cref="Utf8JsonWriter"/> straight into UTF-8
/// bytes. The SendGrid package's own <c>SendGridMessage.Serialize</c> (Newtonsoft, reflection) and
/// later a source-generated serializer into a string (UTF-16, then encoded again for the wire) were
/// most of the CPU a newsletter chunk of 1,000 personalizations cost. Same JSON: same names,
/// same order, nulls and empty maps omitted.
/// </summary>
internal static class SendGridMailJson
{
    // A 1,000-recipient newsletter chunk is ~470 KB: the pool's 512 KB arrays hold it without growing
    // (a larger first guess would take, and keep pooled, 1 MB arrays).
    private const int TypicalBodyBytes = 512 * 1024;

    public static PooledBody Write(EmailMessage message, string from, string? fromName)
    {
        var body = new PooledBody(message.Recipients.Count > 10 ? TypicalBodyBytes : 16 * 1024);
        try
        {
            using var json = new Utf8JsonWriter(body);
            json.WriteStartObject();
            json.WritePropertyName("from"u8);
            WriteAddress(json, from, HeaderSafe.CleanOrNull(fromName));
            json.WriteString("subject"u8, HeaderSafe.Clean(message.Subject));
            json.WriteStartArray("personalizations"u8);
            foreach (var r in message.Recipients)
            {
                json.WriteStartObject();
                json.WriteStartArray("to"u8);
                WriteAddress(json, HeaderSafe.Address(r.Email), HeaderSafe.CleanOrNull(r.Name));
                json.WriteEndArray();
                WriteMap(json, "headers"u8, r.Headers, clean: true);
                WriteMap(json, "substitutions"u8, r.Substitutions, clean: false);
                WriteMap(json, "custom_args"u8, r.CustomArgs, clean: false);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            // SendGrid requires text/plain before text/html.
            json.WriteStartArray("content"u8);
            WriteContent(json, "text/plain", message.Text);
            WriteContent(json, "text/html", message.Html);
            json.WriteEndArray();
            json.WriteStartArray("categories"u8);
            json.WriteStringValue(message.Kind);
            json.WriteEndArray();
            WriteMap(json, "custom_args"u8, message.CustomArgs, clean: false);
            json.WriteEndObject();
            json.Flush();
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static void WriteAddress(Utf8JsonWriter json, string email, string? name)
    {
        json.WriteStartObject();
        json.WriteString("email"u8, email);
        if (name is not null)
        {
            json.WriteString("name"u8, name);
        }
        json.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter json, string type, string value)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        json.WriteString("value"u8, value);
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string> map, bool clean)
    {
        if (map.Count == 0)
        {
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, clean ? HeaderSafe.Clean(value) : value);
        }
        json.WriteEndObject();
    }
}
