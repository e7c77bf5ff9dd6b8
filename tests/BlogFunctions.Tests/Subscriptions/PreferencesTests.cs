using System.Net;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>
/// The signed preference page every newsletter email links to: how often emails come, followed
/// threads, unsubscribe from all. (The digest itself: Newsletter/WeeklyDigestTests.)
/// </summary>
public abstract partial class PreferencesTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private SubscriptionHarness _h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [GeneratedRegex("action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    /// <summary>An active subscriber; returns the preferences link of their welcome email, as a path.</summary>
    private async Task<(string Email, string Path)> ActiveSubscriberAsync()
    {
        var email = SubscriptionHarness.NewAddress("prefs");
        using (await _h.SubscribeAsync(email)) { }
        using (await _h.ConfirmAsync(SubscriptionHarness.Link(_h.Sink.MessagesTo(email)[0].Text!, "subscriptions/confirm"))) { }
        var welcome = _h.Sink.MessagesTo(email)[1];
        var path = SubscriptionHarness.Link(welcome.Text!, "subscriptions/preferences");
        Assert.Contains(path.Split("token=")[1], welcome.Html); // the footer link of the HTML body too
        return (email, path);
    }

    [Fact]
    public async Task The_welcome_emails_link_opens_the_page_with_each_post_chosen_and_changes_nothing()
    {
        var (email, path) = await ActiveSubscriberAsync();

        using var page = await _h.Server.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("name=\"cadence\" value=\"each\" checked", html);
        Assert.Contains("value=\"weekly\">", html);
        Assert.Contains("value=\"paused\">", html);
        Assert.Contains("No followed threads.", html);
        Assert.Contains("Unsubscribe from all", html);
        Assert.Contains("form-action 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var s = await _h.SubscriberAsync(email);
        Assert.Null(s!.Cadence);
        Assert.Equal(SubscriberStatus.Active, s.Status);
    }

    [Fact]
    public async Task Saving_a_cadence_stores_it_and_the_page_shows_it()
    {
        var (email, path) = await ActiveSubscriberAsync();
        var action = await ActionAsync(path);

        using (var saved = await _h.PostFormAsync(action, ("action", "cadence"), ("cadence", "weekly")))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var html = await saved.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Saved: a weekly digest.", html);
            Assert.Contains("value=\"weekly\" checked", html);
        }
        var weekly = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberCadence.Weekly, weekly!.Cadence);
        Assert.NotNull(weekly.WeeklySince);

        using (var paused = await _h.PostFormAsync(action, ("action", "cadence"), ("cadence", "paused")))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }
        var s = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberCadence.Paused, s!.Cadence);
        Assert.Null(s.WeeklySince);
        Assert.Equal(SubscriberStatus.Active, s.Status);

        using (await _h.PostFormAsync(action, ("action", "cadence"), ("cadence", "each"))) { }
        Assert.Null((await _h.SubscriberAsync(email))!.Cadence);
    }

    [Fact]
    public async Task A_followed_post_is_listed_with_its_unfollow_link_and_a_subscriber_needs_no_confirmation()
    {
        var (email, path) = await ActiveSubscriberAsync();
        var post = TestIds.Post("pfollow");
        await new Comments.CommentApi(_h.Server).PostOkAsync(post, new { author = "Pat", email, body = "Following this one", notify = "post" },
            HttpStatusCode.Accepted);
        Assert.Equal(2, _h.Sink.MessagesTo(email).Count); // confirmation and welcome: a confirmed subscriber gets no notification confirmation

        var html = await (await _h.Server.Client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"Every new comment on {post}", html);
        var unfollow = UnfollowLink().Match(html).Groups[1].Value;
        using (var done = await _h.PostFormAsync(unfollow[unfollow.IndexOf("api/", StringComparison.Ordinal)..], ("List-Unsubscribe", "One-Click")))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        html = await (await _h.Server.Client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("No followed threads.", html);
    }

    [GeneratedRegex("href=\"([^\"]*notifications/unsubscribe\\?token=[^\"]+)\"")]
    private static partial Regex UnfollowLink();

    [Fact]
    public async Task Unsubscribe_from_all_unsubscribes()
    {
        var (email, path) = await ActiveSubscriberAsync();
        using var done = await _h.PostFormAsync(await ActionAsync(path), ("action", "unsubscribe-all"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("unsubscribed from everything", await done.Content.ReadAsStringAsync(Ct));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await _h.SubscriberAsync(email))!.Status);
    }

    [Fact]
    public async Task A_forged_or_foreign_token_and_a_bad_form_get_a_400_page_with_a_code_and_change_nothing()
    {
        var (email, path) = await ActiveSubscriberAsync();
        var token = SubscriptionHarness.Token(path);
        var unsubscribeToken = SubscriptionHarness.Token(new Uri(_h.Sink.MessagesTo(email)[1].Headers["List-Unsubscribe"].Trim('<', '>')).Query);
        foreach (var forged in new[] { token[..^3] + "abc", "not-a-token", "", unsubscribeToken, token.Split('.')[0] + "." })
        {
            var url = "api/subscriptions/preferences?token=" + Uri.EscapeDataString(forged);
            using var page = await _h.Server.Client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("Code: preferences_link_invalid", await page.Content.ReadAsStringAsync(Ct));
            using var post = await _h.PostFormAsync(url, ("action", "unsubscribe-all"));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Equal("text/html", post.Content.Headers.ContentType?.MediaType);
        }
        using (var bad = await _h.PostFormAsync(path, ("action", "cadence"), ("cadence", "daily")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Code: invalid_cadence", await bad.Content.ReadAsStringAsync(Ct));
        }
        using (var bad = await _h.PostFormAsync(path, ("action", "delete-everything")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Code: invalid_action", await bad.Content.ReadAsStringAsync(Ct));
        }
        var s = await _h.SubscriberAsync(email);
        Assert.Equal(SubscriberStatus.Active, s!.Status);
        Assert.Null(s.Cadence);
    }

    /// <summary>The page's forms post back to the page's own signed URL.</summary>
    private async Task<string> ActionAsync(string path)
    {
        var html = await _h.Server.Client.GetStringAsync(path, Ct);
        return WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value).TrimStart('/');
    }
}

public sealed class PreferencesTestsOnSelfHost(BlogFixture fixture) : PreferencesTests(fixture, HostKind.SelfHost);

public sealed class PreferencesTestsOnFunctions(BlogFixture fixture) : PreferencesTests(fixture, HostKind.Functions);
