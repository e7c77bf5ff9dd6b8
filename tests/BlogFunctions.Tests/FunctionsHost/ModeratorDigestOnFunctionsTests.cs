using System.Net;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.ModeratorEmail;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The moderator digest through the Functions app on the real clock: a held comment sends a
/// digest message visible Moderation:DigestDelaySeconds later, the stand-in's queue listener
/// delivers it to ModerationDigestQueue, one email goes out; then the mailed one-click link
/// followed through the host: GET shows, POST approves, the page shows it.
/// </summary>
public sealed class ModeratorDigestOnFunctionsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Its own storage: the digest's state row is global to an account.
    private readonly AzuriteProcess _azurite = new();
    private SendGridSink _sink = null!;
    private FunctionsServer _functions = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _sink = await SendGridSink.StartAsync();
        var settings = _sink.Settings();
        settings["Moderation:NotifyEmails:0"] = ModeratorEmailRig.ModeratorA;
        settings["Moderation:DigestDelaySeconds"] = "2";
        _functions = await FunctionsServer.StartAsync(_azurite.ConnectionString, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _functions.DisposeAsync();
        await _sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_trigger_mails_the_digest_once_and_its_link_approves_through_the_host()
    {
        var api = new CommentApi(_functions);
        var post = TestIds.Post("fdigest");
        var held = await api.PostOkAsync(post, new { author = "Ann", email = $"{Guid.NewGuid():N}@example.com", body = "Held for the digest" }, HttpStatusCode.Accepted);
        var id = held["id"]!.GetValue<string>();

        // The message waits out the delay on the real clock; a run that finds the notice inside its
        // grace sends itself again, so the email may take a few seconds more than the delay.
        try
        {
            await _sink.WaitForMessagesAsync(_ => _sink.MessagesTo(ModeratorEmailRig.ModeratorA).Count > 0, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + _functions.Diagnostics, e);
        }
        var mail = Assert.Single(_sink.MessagesTo(ModeratorEmailRig.ModeratorA));
        Assert.Contains("Held for the digest", mail.Text);
        // Nothing is left to send: a second delivery of the message (or a stray one) finds the digest done.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.Single(_sink.MessagesTo(ModeratorEmailRig.ModeratorA));

        var approve = ModeratorEmailRig.LinksIn(mail.Text!)[0];
        using (var page = await _functions.Client.GetAsync(approve, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Approve this comment?", await page.Content.ReadAsStringAsync(Ct));
        }
        Assert.Empty((await api.GetPageAsync(post))["comments"]!.AsArray());

        var token = Uri.UnescapeDataString(approve[(approve.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", token)]);
        using var done = await _functions.Client.PostAsync(new Uri("api/moderation/act", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Comment approved", await done.Content.ReadAsStringAsync(Ct));
        var visible = Assert.Single((await api.GetPageAsync(post))["comments"]!.AsArray())!;
        Assert.Equal(id, visible["id"]!.GetValue<string>());
    }
}
