using System.Net;
using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>
/// The "You are subscribed" page links back to the page the reader subscribed from, but only when
/// that page is on one of the blog's origins (Cors:AllowedOrigins); any other source the form
/// could claim gets the blog's first origin, never a link to where the claim points.
/// </summary>
public abstract partial class ConfirmedPageTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private const string Blog = "https://blog.example";
    private const string SecondBlog = "https://www.blog.example";
    private SubscriptionHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture,
        new() { ["Cors:AllowedOrigins:0"] = Blog, ["Cors:AllowedOrigins:1"] = SecondBlog });

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    // Each source with the link expected for it: allowed pages as they are, anything else the blog's first origin.
    private static readonly (string Source, string Back)[] Cases =
    [
        (Blog + "/posts/tight-glutes-back-pain", Blog + "/posts/tight-glutes-back-pain"),
        (SecondBlog + "/posts/glute-bridge?ref=mail#subscribe", SecondBlog + "/posts/glute-bridge?ref=mail#subscribe"),
        ("https://evil.example/posts/tight-glutes-back-pain", Blog + "/"),
        ("https://blog.example.evil.example/phish", Blog + "/"),
        ("http://blog.example:8080/posts/x", Blog + "/"),
        ("javascript:alert(1)", Blog + "/"),
        ("/posts/relative", Blog + "/"),
    ];

    [Fact]
    public async Task Confirmed_page_links_back_to_the_page_subscribed_from_only_on_an_allowed_origin()
    {
        foreach (var (source, expected) in Cases)
        {
            var email = SubscriptionHarness.NewAddress("back");
            using (var subscribed = await _h.SubscribeAsync(email, source: source))
            {
                Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
            }
            var link = SubscriptionHarness.Link(Assert.Single(_h.Sink.MessagesTo(email)).Text!, "subscriptions/confirm");

            using var confirmed = await _h.ConfirmAsync(link);
            var html = await confirmed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("You are subscribed", html, StringComparison.Ordinal);
            Assert.Equal(expected, BackLink(html, source));
            if (expected != source)
            {
                Assert.DoesNotContain(source, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            }

            // Confirming again says so, with the same way back.
            using var again = await _h.ConfirmAsync(link);
            var second = await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("Already confirmed", second, StringComparison.Ordinal);
            Assert.Equal(expected, BackLink(second, source));
        }
    }

    private static string BackLink(string html, string source)
    {
        var links = BackToTheBlog().Matches(html);
        Assert.True(links.Count == 1, $"source {source}: {links.Count} 'Back to the blog' links in: {html}");
        return WebUtility.HtmlDecode(links[0].Groups[1].Value);
    }

    [GeneratedRegex("<a href=\"([^\"]*)\">Back to the blog</a>")]
    private static partial Regex BackToTheBlog();
}

public sealed class ConfirmedPageTestsOnSelfHost(BlogFixture fixture) : ConfirmedPageTests(fixture, HostKind.SelfHost);

public sealed class ConfirmedPageTestsOnFunctions(BlogFixture fixture) : ConfirmedPageTests(fixture, HostKind.Functions);
