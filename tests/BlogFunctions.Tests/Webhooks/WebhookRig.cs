using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>
/// A SelfHost as production runs it (queue pollers on the real clock) with four webhook endpoints
/// on one <see cref="WebhookReceiver"/>: json for every event, and slack, discord and teams for held
/// comments only. Comments:Mode is Links, so a plain comment is published at once and one with a
/// link is held. Retries start after a second instead of 30.
/// </summary>
public sealed class WebhookRig : IAsyncLifetime
{
    /// <summary>The tests that share one rig, one at a time (one holds the receiver).</summary>
    public const string Collection = "webhooks";

    public const string JsonSecret = "Yq3vT8kP1zW6nR0sB4xJ7cL2mF9dH5gA";
    public const string ChatSecret = "u7Ne2Kd9Qw4Rt1Yp6Zs3Xc8Vb0Mn5LkJ";

    private readonly AzuriteProcess _azurite = new();

    public WebhookReceiver Receiver { get; private set; } = null!;
    public SendGridSink Sink { get; private set; } = null!;
    public BlogServer Server { get; private set; } = null!;
    public string StorageConnectionString => _azurite.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Sink = await SendGridSink.StartAsync();
        var settings = Sink.Settings();
        foreach (var (k, v) in Endpoints(Receiver))
        {
            settings[k] = v;
        }
        settings["Comments:Mode"] = "Links";
        settings["Web:PostUrlTemplate"] = "https://blog.example/posts/{postId}";
        Server = await BlogServer.StartAsync(_azurite.ConnectionString, settings);
    }

    /// <summary>The endpoint settings of this rig (the Functions test uses the json one alone).</summary>
    public static Dictionary<string, string?> Endpoints(WebhookReceiver receiver, bool chats = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:FirstRetrySeconds"] = "1",
            ["Webhooks:Endpoints:0:Url"] = receiver.Url("json"),
            ["Webhooks:Endpoints:0:Secret"] = JsonSecret,
        };
        if (chats)
        {
            var i = 1;
            foreach (var format in new[] { "slack", "discord", "teams" })
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"Webhooks:Endpoints:{i++}:");
                settings[at + "Url"] = receiver.Url(format + "?hook=1");
                settings[at + "Secret"] = ChatSecret;
                settings[at + "Format"] = format;
                settings[at + "Events:0"] = "comment.held";
            }
        }
        return settings;
    }

    /// <summary>The delivery-log rows of kind webhook for one event id, oldest first.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string eventId)
    {
        var page = await Server.Moderator.GetFromJsonAsync<JsonElement>("api/moderation/deliveries?kind=webhook&limit=200",
            TestContext.Current.CancellationToken);
        return [.. page.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("messageId").GetString() == eventId).Reverse()];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
        await Receiver.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(WebhookRig.Collection)]
public sealed class WebhookRigUsers : ICollectionFixture<WebhookRig>;
