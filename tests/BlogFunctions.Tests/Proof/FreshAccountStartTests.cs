using System.Net;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The tables are created beside the rest of the start-up, not before it; a request that arrives
/// meanwhile waits for them instead of answering 503. On an account that has never seen the app
/// (the first deployment) the very first requests must find every table.
/// </summary>
public abstract class FreshAccountStartTests(HostKind kind)
{
    [Fact]
    public async Task The_first_requests_on_a_new_storage_account_find_the_tables()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        await using IBlogHost host = kind == HostKind.SelfHost
            ? await BlogServer.StartAsync(azurite.ConnectionString, waitForTables: false)
            : await FunctionsHost.FunctionsServer.StartAsync(azurite.ConnectionString, waitForTables: false);
        var answers = await Task.WhenAll(
            host.Client.GetAsync(new Uri("api/posts/fresh-account/comments", UriKind.Relative), ct),
            host.Client.GetAsync(new Uri("api/comment-counts?postId=fresh-account", UriKind.Relative), ct),
            host.Moderator.GetAsync(new Uri("api/moderation/comments?status=pending", UriKind.Relative), ct));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }
}

public sealed class FreshAccountStartTestsOnSelfHost() : FreshAccountStartTests(HostKind.SelfHost);

public sealed class FreshAccountStartTestsOnFunctions() : FreshAccountStartTests(HostKind.Functions);
