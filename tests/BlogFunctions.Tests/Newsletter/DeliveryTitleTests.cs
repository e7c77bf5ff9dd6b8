using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// A newsletter send is logged under the post's table key, a digest nobody can read: the delivery
/// listing names the post by its title beside it, on both hosts.
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class DeliveryTitleTests(NewsletterRig stack) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(HostKind.SelfHost)]
    [InlineData(HostKind.Functions)]
    public async Task Newsletter_deliveries_carry_the_post_title_beside_its_key(HostKind kind)
    {
        await using IBlogHost server = kind == HostKind.SelfHost
            ? await stack.StartServerAsync(new Dictionary<string, string?> { ["SelfHost:QueuePollers"] = "true" })
            : await stack.StartFunctionsAsync();
        await stack.SeedSubscribersAsync(server, 2);
        var key = await RegisterPostAsync(server);
        await WaitForDoneAsync(stack, key);

        // The delivery log outlives the rig's reset: this post's sends only.
        var page = await server.Moderator.GetFromJsonAsync<JsonElement>($"api/moderation/deliveries?kind=newsletter&postId={key}",
            TestContext.Current.CancellationToken);
        var send = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(key, send.GetProperty("postId").GetString());
        Assert.Equal("Tight glutes and lower back pain", send.GetProperty("postTitle").GetString());
        Assert.Equal("0", send.GetProperty("chunk").GetString());
    }
}
