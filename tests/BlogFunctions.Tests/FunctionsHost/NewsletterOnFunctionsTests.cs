using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Newsletter;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The newsletter through the Functions app: the timer fired as the host fires it (an
/// InvocationRequest for NewsletterTimer) and the moderator's run route, each subscriber once.
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class NewsletterOnFunctionsTests(NewsletterRig stack) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_timer_invocation_sends_each_subscriber_the_post_once_and_a_second_sends_nothing()
    {
        await using var functions = await stack.StartFunctionsAsync(new Dictionary<string, string?> { ["Newsletter:ChunkSize"] = "200" });
        var emails = await stack.SeedSubscribersAsync(functions, 500);
        var key = await RegisterPostAsync(functions);

        await functions.InvokeTimerAsync("NewsletterTimer", Ct);

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        AssertEachOnce(emails, key);
        var requests = stack.Sink.Requests.Count;
        await functions.InvokeTimerAsync("NewsletterTimer", Ct);
        Assert.Equal(requests, stack.Sink.Requests.Count);
    }

    [Fact]
    public async Task The_run_route_sends_through_the_worker()
    {
        await using var functions = await stack.StartFunctionsAsync();
        var emails = await stack.SeedSubscribersAsync(functions, 120);
        var key = await RegisterPostAsync(functions);

        await RunAsync(functions);

        Assert.Equal(PostState.Done, (await PostAsync(key)).State);
        AssertEachOnce(emails, key);
        var status = await StatusOfAsync(functions, key);
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(120, status.GetProperty("sentRecipients").GetInt32());
    }

    private void AssertEachOnce(List<string> emails, string key)
    {
        var counts = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count, counts.Count);
        Assert.All(emails, e => Assert.Equal(1, counts.GetValueOrDefault(e)));
    }

    private async Task<PostEntity> PostAsync(string key) =>
        (await stack.Table(PostEntity.TableName).GetEntityAsync<PostEntity>(PostEntity.Partition, key, cancellationToken: Ct)).Value;
}
