using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// A SelfHost as production runs it (its queue pollers on the real clock) with a short batching
/// delay, mailing a SendGrid sink. Tests share it: each uses its own posts and addresses.
/// </summary>
public sealed class NotificationRig : IAsyncLifetime
{
    /// <summary>Notifications:DelaySeconds here.</summary>
    public const int DelaySeconds = 5;

    private readonly AzuriteProcess _azurite = new();

    public SendGridSink Sink { get; private set; } = null!;
    public BlogServer Server { get; private set; } = null!;
    public NotificationFlow Flow { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Sink = await SendGridSink.StartAsync();
        var settings = Sink.Settings();
        settings["Notifications:DelaySeconds"] = DelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Web:PostUrlTemplate"] = "https://blog.example/posts/{postId}";
        settings["Email:FromName"] = "Glute Notes";
        Server = await BlogServer.StartAsync(_azurite.ConnectionString, settings);
        Flow = new NotificationFlow(Server, Sink);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
