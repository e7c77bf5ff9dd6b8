using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BlogFunctions.Core.Imports;

/// <summary>Streams a JSON-lines file one parsed line at a time, with its line number for errors; blank lines are skipped.</summary>
internal static class JsonLines
{
    public static async IAsyncEnumerable<(JsonElement Line, int Number)> ReadAsync(string path,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            JsonElement line;
            try
            {
                using var document = JsonDocument.Parse(text);
                line = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ImportFormatException($"line {number}: not a JSON object, or cut short ({e.Message})", e);
            }
            if (line.ValueKind != JsonValueKind.Object)
            {
                throw new ImportFormatException($"line {number}: not a JSON object");
            }
            yield return (line, number);
        }
    }

    public static string? Text(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Flag(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static JsonElement? Object(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
}
