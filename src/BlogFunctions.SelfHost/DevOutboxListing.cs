using System.Text.Json;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Email;

namespace BlogFunctions.SelfHost;

/// <summary>One written email as /dev/outbox.json lists it: enough to script a flow with curl and jq.</summary>
internal sealed record OutboxListItem(string Id, string Kind, DateTimeOffset At, string To, string Subject,
    string Html, string Text, IReadOnlyList<string> Links);

/// <summary>
/// Reads the dev outbox folder, newest first. The JSON listing carries each email's links (from its
/// text part), so a guide can say "confirm with the link in the newest confirmation email" as one
/// jq expression instead of asking people to copy it from a page.
/// </summary>
internal static partial class DevOutboxListing
{
    public static IEnumerable<OutboxEnvelope> Envelopes(string folder, int max)
    {
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").OrderDescending(StringComparer.Ordinal).Take(max)
            : [];
        foreach (var file in files)
        {
            OutboxEnvelope? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize(File.ReadAllText(file), DevOutboxJson.Default.OutboxEnvelope);
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // Being written right now, or not ours: the next listing shows it.
                continue;
            }
            if (envelope is not null)
            {
                yield return envelope;
            }
        }
    }

    public static List<OutboxListItem> Read(string folder, int max, string origin) =>
    [
        .. Envelopes(folder, max).Select(e => new OutboxListItem(e.Id, e.Kind, e.At, e.To,
            e.Headers.GetValueOrDefault("Subject") ?? "", $"{origin}/dev/outbox/{e.Id}.html", $"{origin}/dev/outbox/{e.Id}.txt",
            LinksIn(Path.Combine(folder, e.Id + ".txt")))),
    ];

    private static List<string> LinksIn(string textFile)
    {
        try
        {
            return [.. Link().Matches(File.ReadAllText(textFile)).Select(m => m.Value.TrimEnd('.', ',', ')', '>')).Distinct(StringComparer.Ordinal)];
        }
        catch (IOException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Link();
}
