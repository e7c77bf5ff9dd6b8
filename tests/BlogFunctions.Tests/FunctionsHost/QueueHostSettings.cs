using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using BlogFunctions.Core.Queues;
using BlogFunctions.SelfHost;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The queue trigger settings the Functions host takes from the app's host.json
/// (extensions.queues), with the host's own defaults for what host.json leaves out.
/// A real host reads nothing else. The stand-in shortens two of them the way
/// <see cref="Infrastructure.BlogServer.DefaultSettings"/> shortens the SelfHost's pollers
/// (Queues:MaxPollingIntervalMilliseconds, Queues:VisibilityTimeoutSeconds), so a retry or an
/// empty queue costs a test the same fraction of a second on either host; batchSize and
/// maxDequeueCount stay host.json's, so poison handling is the one deployed.
/// </summary>
internal sealed record QueueHostSettings(
    TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int BatchSize, int MaxDequeueCount, QueueMessageEncoding Encoding,
    TimeSpan Lease)
{
    /// <summary>
    /// Stand-in only: how long a taken message stays invisible (10 minutes by default, beyond any
    /// invocation). A test that kills the whole instance mid-message shortens it, so the next
    /// instance sees the message again in seconds rather than minutes.
    /// </summary>
    public const string LeaseSetting = "StandIn:QueueLeaseSeconds";

    private static readonly JsonDocumentOptions HostJson = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>False when the settings turn queue work off (<c>SelfHost:QueuePollers</c> = false): one key for both hosts.</summary>
    public static bool Enabled(IReadOnlyDictionary<string, string?> settings) =>
        !settings.TryGetValue(QueuePollers.EnabledSetting, out var value) || !bool.TryParse(value, out var enabled) || enabled;

    public static QueueHostSettings Read(string appDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(appDirectory, "host.json")), documentOptions: HostJson);
        var queues = root?["extensions"]?["queues"];
        // The host's defaults (QueuesOptions): a minute between polls of an empty queue, a failed message visible again at once.
        var maxPolling = Span(queues?["maxPollingInterval"]) ?? TimeSpan.FromMinutes(1);
        var visibility = Span(queues?["visibilityTimeout"]) ?? TimeSpan.Zero;
        if (Number(settings, nameof(QueueOptions.MaxPollingIntervalMilliseconds)) is { } milliseconds)
        {
            maxPolling = TimeSpan.FromMilliseconds(milliseconds);
        }
        if (Number(settings, nameof(QueueOptions.VisibilityTimeoutSeconds)) is { } seconds)
        {
            visibility = TimeSpan.FromSeconds(seconds);
        }
        var encoding = string.Equals((string?)queues?["messageEncoding"], "none", StringComparison.OrdinalIgnoreCase)
            ? QueueMessageEncoding.None
            : QueueMessageEncoding.Base64;
        var lease = settings.TryGetValue(LeaseSetting, out var raw) && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(10);
        return new QueueHostSettings(maxPolling, visibility, (int?)queues?["batchSize"] ?? 16, (int?)queues?["maxDequeueCount"] ?? 5, encoding, lease);
    }

    private static TimeSpan? Span(JsonNode? value) =>
        value is null ? null : TimeSpan.Parse((string)value!, CultureInfo.InvariantCulture);

    private static int? Number(IReadOnlyDictionary<string, string?> settings, string name) =>
        settings.TryGetValue($"{QueueOptions.Section}:{name}", out var raw)
        && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
