using System.Net;
using Azure;
using Azure.Storage.Queues;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>An endpoint a receiver could not trust, or that would send in clear, stops the app at start-up, naming the setting.</summary>
public sealed class WebhookSettingsTests(BlogFixture fixture)
{
    private const string Good = "Yq3vT8kP1zW6nR0sB4xJ7cL2mF9dH5gA";

    [Theory]
    [InlineData("https://hooks.example/in", "short-secret-1234", "Webhooks:Endpoints:0:Secret is shorter than 32 characters")]
    [InlineData("https://hooks.example/in", "replace-with-a-random-secret-of-32-chars", "Webhooks:Endpoints:0:Secret is a placeholder")]
    [InlineData("https://hooks.example/in", "abababababababababababababababab", "Webhooks:Endpoints:0:Secret has too little variety")]
    [InlineData("https://hooks.example/in", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/hook)", "Webhooks:Endpoints:0:Secret")]
    [InlineData("http://hooks.example/in", Good, "Webhooks:Endpoints:0:Url must be https")]
    [InlineData("ftp://127.0.0.1/in", Good, "Webhooks:Endpoints:0:Url must be https")]
    [InlineData("hooks.example/in", Good, "Webhooks:Endpoints:0:Url is not an absolute URL")]
    public async Task A_weak_secret_or_a_url_in_clear_refuses_start_up_naming_the_setting(string url, string secret, string expected)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.StartServerAsync(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = url,
            ["Webhooks:Endpoints:0:Secret"] = secret,
        }));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Format", "xml", "Webhooks:Endpoints:0:Format must be one of json, slack, discord, teams")]
    [InlineData("Events:0", "comment.deleted", "Webhooks:Endpoints:0:Events: 'comment.deleted' is not an event")]
    public async Task An_unknown_format_or_event_refuses_start_up(string key, string value, string expected)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.StartServerAsync(new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = "http://localhost:9/in",
            ["Webhooks:Endpoints:0:Secret"] = Good,
            ["Webhooks:Endpoints:0:" + key] = value,
        }));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_endpoints_comment_events_queue_nothing()
    {
        // The shared server has no Webhooks settings; no test posts to its storage's webhooks queue.
        var post = TestIds.Post("whnone");
        await new CommentApi(fixture.Server).PublishAsync(post, "Held, then approved.");
        var queue = new QueueClient(fixture.StorageConnectionString, WorkQueues.Webhooks);
        try
        {
            var waiting = (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
            Assert.Equal(0, waiting);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Never created: nothing was ever sent to it.
        }
    }
}
