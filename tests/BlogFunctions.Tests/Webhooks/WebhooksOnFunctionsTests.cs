using System.Net;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.FunctionsHost;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>The Functions app: the POST queues the event and the WebhooksQueue trigger delivers it, retries included.</summary>
public sealed class WebhooksOnFunctionsTests : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();
    private WebhookReceiver _receiver = null!;
    private FunctionsServer _functions = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _functions = await FunctionsServer.StartAsync(_azurite.ConnectionString, WebhookRig.Endpoints(_receiver, chats: false));
    }

    public async ValueTask DisposeAsync()
    {
        await _functions.DisposeAsync();
        await _receiver.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_held_comment_is_delivered_through_the_queue_trigger_and_a_500_retried()
    {
        var post = TestIds.Post("whfn");
        _receiver.AnswerNext(post, 500);
        var email = $"fn-{Guid.NewGuid():N}@example.com";
        var id = (await new CommentApi(_functions).PostOkAsync(post, new { author = "Flo", email, body = "Held on Functions." },
            HttpStatusCode.Accepted))["id"]!.GetValue<string>();

        IReadOnlyList<ReceivedHook> hooks;
        try
        {
            hooks = await _receiver.WaitForAsync(h => (string?)h.Json["data"]!["id"] == id, count: 2, seconds: 60);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + _functions.Diagnostics, e);
        }
        Assert.Equal(new[] { 500, 200 }, hooks.Select(h => h.Answered));
        Assert.Single(hooks.Select(h => h.EventId).Distinct());
        Assert.All(hooks, h => Assert.Equal("comment.held", h.EventType));
        Assert.All(hooks, h => Assert.True(h.SignedWith(WebhookRig.JsonSecret)));
        Assert.DoesNotContain(email, hooks[1].Body, StringComparison.OrdinalIgnoreCase);
    }
}
