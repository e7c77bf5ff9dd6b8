using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Notifications;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// Reader notifications through the Functions app on the real clock: the sign-up's confirmation,
/// the approval's fan-out and the batch's send all arrive as ReaderNotificationsQueue invocations
/// from the stand-in's queue listener; the links are followed through the host's HTTP triggers.
/// </summary>
public sealed class NotificationsOnFunctionsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AzuriteProcess _azurite = new();
    private SendGridSink _sink = null!;
    private FunctionsServer _functions = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _sink = await SendGridSink.StartAsync();
        var settings = _sink.Settings();
        settings["Notifications:DelaySeconds"] = "15"; // long enough for both replies to be approved through the host, even on a busy machine (8 s was not, once, in a full CI run)
        settings["Web:PostUrlTemplate"] = "https://blog.example/posts/{postId}";
        _functions = await FunctionsServer.StartAsync(_azurite.ConnectionString, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _functions.DisposeAsync();
        await _sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Confirmation_live_note_and_a_batch_of_replies_each_arrive_once()
    {
        var flow = new NotificationFlow(_functions, _sink);
        var post = TestIds.Post("fnotify");
        var ann = NotificationFlow.NewEmail("ann");
        var parent = await flow.PostAsync(post, "Ann", ann, "Parent on Functions", notify: "replies");
        await flow.ConfirmAsync(ann);
        await flow.ModerateAsync(post, parent);
        Assert.StartsWith("Your comment is live", (await flow.WaitForAsync(ann, 2))[1].Subject, StringComparison.Ordinal);

        // Both replies are held first and approved back to back: the batch window opens at the
        // first approval, so posting in between could outlast it on a busy machine (it did once, in
        // a clean-clone CI run, and Cy's reply rightly went in a mail of its own).
        var replies = new List<string>();
        foreach (var who in new[] { "Bob", "Cy" })
        {
            replies.Add(await flow.PostAsync(post, who, NotificationFlow.NewEmail(who), $"{who} answers", parentId: parent));
        }
        foreach (var id in replies)
        {
            await flow.ModerateAsync(post, id);
        }
        var mail = (await flow.WaitForAsync(ann, 3))[2];
        Assert.Contains("Bob answers", mail.Text);
        Assert.Contains("Cy answers", mail.Text);

        // Every message is done: nothing more arrives, and the thread link works through the host.
        await Task.Delay(TimeSpan.FromSeconds(17), Ct);
        Assert.Equal(3, flow.To(ann).Count);
        await flow.OneClickAsync(NotificationFlow.Links(mail.Text!, "unsubscribe")[0]);
        var late = await flow.PostAsync(post, "Di", NotificationFlow.NewEmail("di"), "Too late", parentId: parent);
        await flow.ModerateAsync(post, late);
        await Task.Delay(TimeSpan.FromSeconds(19), Ct); // past the batching delay
        Assert.Equal(3, flow.To(ann).Count);
    }
}
