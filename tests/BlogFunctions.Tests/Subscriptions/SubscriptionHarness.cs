using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>
/// A host of either kind sending to its own SendGrid sink. The SelfHost's clock is the harness's
/// fake one; the Functions worker runs in its own process on the real clock, so a step that moves
/// the server's clock ends the test there (skipped) on that host.
/// </summary>
public sealed partial class SubscriptionHarness : IAsyncDisposable
{
    private SubscriptionHarness(SendGridSink sink, IBlogHost server, FakeTimeProvider time)
    {
        Sink = sink;
        Server = server;
        Time = time;
    }

    public SendGridSink Sink { get; }
    public IBlogHost Server { get; }
    public FakeTimeProvider Time { get; }

    public static async Task<SubscriptionHarness> StartAsync(HostKind kind, BlogFixture fixture, Dictionary<string, string?>? extra = null)
    {
        var sink = await SendGridSink.StartAsync();
        var settings = sink.Settings();
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        IBlogHost server = kind == HostKind.SelfHost
            ? await BlogServer.StartAsync(fixture.StorageConnectionString, settings, b => MovedClock.Use(b.Services, time))
            : await FunctionsHost.FunctionsServer.StartAsync(fixture.StorageConnectionString, settings);
        return new SubscriptionHarness(sink, server, time);
    }

    /// <summary>Moves the server's clock; only the SelfHost's can be moved from a test.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        Assert.SkipWhen(Server.Kind == HostKind.Functions, "The Functions worker runs in its own process on the real clock.");
        Time.Advance(by);
    }

    public static string NewAddress(string prefix = "reader") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <param name="source">The page the form says it is on; none sends no member at all.</param>
    public async Task<HttpResponseMessage> SubscribeAsync(string email, string? name = null, string? ip = null, string? source = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions")
        {
            Content = source is null ? JsonContent.Create(new { email, name }) : JsonContent.Create(new { email, name, source }),
        };
        request.Headers.Add("X-Forwarded-For", ip ?? TestIds.Ip());
        return await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    internal async Task<SubscriberEntity?> SubscriberAsync(string email)
    {
        var keys = Server.Services.GetRequiredService<SubscriberKeys>();
        return await Server.Services.GetRequiredService<SubscriberStore>().GetAsync(keys.HashOf(email), TestContext.Current.CancellationToken);
    }

    /// <summary>The path and query of the first link to <paramref name="route"/> in a text body, relative to the API host.</summary>
    public static string Link(string text, string route)
    {
        var m = Regex.Match(text, @"https?://[^\s/]+/(api/" + Regex.Escape(route) + @"\?token=[^\s""<>]+)");
        Assert.True(m.Success, $"no {route} link in: {text}");
        return m.Groups[1].Value;
    }

    public static string Token(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
        return await Server.Client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Confirms through the page's form, as a reader's browser does.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(string confirmLink) =>
        await PostFormAsync("api/subscriptions/confirm", ("token", Token(confirmLink)));

    public static MediaTypeWithQualityHeaderValue Html { get; } = new("text/html");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
