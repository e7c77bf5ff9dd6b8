using System.Net;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Subscriptions;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The subscribe form is public, and the confirmation goes to whatever address it was given, from
/// the blog's own sender: nothing the requester typed may be in it, or anyone could mail anyone
/// "from" the blog. Names that hide or reorder text are refused outright.
/// </summary>
public abstract class ConfirmationMailTests(BlogFixture fixture, HostKind kind) : IAsyncLifetime
{
    private const string Phish = "friend! Your account is locked, verify at https://evil.example/login";

    private SubscriptionHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await SubscriptionHarness.StartAsync(kind, fixture);

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task The_confirmation_email_carries_no_text_the_requester_chose()
    {
        var email = SubscriptionHarness.NewAddress("victim");
        using (var response = await _h.SubscribeAsync(email, Phish))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var confirmation = Assert.Single(_h.Sink.MessagesTo(email));
        foreach (var part in new[] { confirmation.Subject, confirmation.Text ?? "", confirmation.Html ?? "", confirmation.To.Name ?? "" })
        {
            Assert.DoesNotContain("evil.example", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("locked", part, StringComparison.OrdinalIgnoreCase);
        }
        // The name is kept for later mail, once the address has confirmed.
        Assert.Equal(Phish, (await _h.SubscriberAsync(email))!.Name);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("Mallory\u202Egnp.exe\u202C")]
    public async Task Subscriber_names_with_invisible_or_direction_changing_characters_are_refused(string name)
    {
        var email = SubscriptionHarness.NewAddress();
        using var response = await _h.SubscribeAsync(email, name);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_name", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(_h.Sink.MessagesTo(email));
    }
}

public sealed class ConfirmationMailTestsOnSelfHost(BlogFixture fixture) : ConfirmationMailTests(fixture, HostKind.SelfHost);

public sealed class ConfirmationMailTestsOnFunctions(BlogFixture fixture) : ConfirmationMailTests(fixture, HostKind.Functions);
