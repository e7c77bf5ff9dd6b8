using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>
/// The moderator digest as the SelfHost runs it in production: every held comment sends a delayed
/// message, the SelfHost's poller takes them on the real clock, and a burst becomes one email.
/// (The same on the Functions app: FunctionsHost/ModeratorDigestOnFunctionsTests.)
/// </summary>
public sealed class QueuedDigestTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Its own storage: the digest's state row is global to an account.
    private readonly AzuriteProcess _azurite = new();
    private SendGridSink _sink = null!;
    private BlogServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _sink = await SendGridSink.StartAsync();
        var settings = _sink.Settings();
        settings["Moderation:NotifyEmails:0"] = ModeratorEmailRig.ModeratorA;
        settings["Moderation:DigestDelaySeconds"] = "3";
        _server = await BlogServer.StartAsync(_azurite.ConnectionString, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Comments_held_within_the_delay_become_one_digest_sent_once()
    {
        var api = new CommentApi(_server);
        var post = TestIds.Post("qdigest");
        foreach (var body in new[] { "First held comment", "Second held comment", "Third held comment" })
        {
            await api.PostOkAsync(post, new { author = "Ann", email = $"{Guid.NewGuid():N}@example.com", body }, System.Net.HttpStatusCode.Accepted);
        }
        Assert.Empty(_sink.MessagesTo(ModeratorEmailRig.ModeratorA)); // not before the delay

        var mails = await _sink.WaitForMessagesAsync(m => m.Count > 0, TimeSpan.FromSeconds(30));
        var mail = Assert.Single(mails);
        Assert.Contains("First held comment", mail.Text);
        Assert.Contains("Third held comment", mail.Text);

        // The other two messages come due and find nothing left; nothing else is sent.
        await Task.Delay(TimeSpan.FromSeconds(6), Ct);
        Assert.Single(_sink.MessagesTo(ModeratorEmailRig.ModeratorA));
    }
}
