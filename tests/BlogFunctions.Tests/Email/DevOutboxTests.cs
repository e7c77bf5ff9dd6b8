using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Email;

/// <summary>The SelfHost's /dev/outbox listing: what a developer uses to confirm a subscription by hand.</summary>
public sealed partial class DevOutboxTests(BlogFixture stack) : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "bf-devoutbox-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Lists_a_confirmation_email_and_serves_its_html()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["DevOutbox:Enabled"] = "true",
            ["Email:OutboxPath"] = _outbox,
        });
        var email = $"outbox-{Guid.NewGuid():N}@example.com";
        using var subscribe = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = JsonContent.Create(new { email }),
        };
        subscribe.Headers.Add("X-Forwarded-For", TestIds.Ip());
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.SendAsync(subscribe, ct)).StatusCode);

        string list = "";
        for (var i = 0; i < 100 && !list.Contains(email, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, ct);
            list = await server.Client.GetStringAsync(new Uri("dev/outbox", UriKind.Relative), ct);
        }
        Assert.Contains(email, list, StringComparison.Ordinal);

        var link = HtmlLink().Match(list);
        Assert.True(link.Success, list);
        using var html = await server.Client.GetAsync(new Uri(link.Groups[1].Value.TrimStart('/'), UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("subscriptions/confirm?token=", await html.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev/outbox/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("dev/outbox/x.json")]
    [InlineData("dev/outbox/missing.html")]
    public async Task Serves_only_outbox_bodies(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["DevOutbox:Enabled"] = "true",
            ["Email:OutboxPath"] = _outbox,
        });
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync(new Uri(path, UriKind.Relative), ct)).StatusCode);
    }

    [Fact]
    public async Task Is_absent_outside_development()
    {
        var response = await stack.Server.Client.GetAsync(new Uri("dev/outbox", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [GeneratedRegex(@"href=""(/dev/outbox/[^""]+\.html)""")]
    private static partial Regex HtmlLink();
}
