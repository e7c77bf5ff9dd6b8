using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.Subscriptions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// A demo site on an Azurite and a SendGrid sink of its own: subscriber counts, the delivery log and
/// newsletter runs cover whole tables, so tests of those views share nothing.
/// </summary>
internal sealed class MailRig : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private MailRig(AzuriteProcess azurite, SendGridSink sink, DemoSite site)
    {
        _azurite = azurite;
        Sink = sink;
        Site = site;
    }

    public SendGridSink Sink { get; }

    public DemoSite Site { get; }

    public static async Task<MailRig> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var sink = await SendGridSink.StartAsync();
        var merged = sink.Settings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        return new MailRig(azurite, sink, await DemoSite.StartAsync(azurite.ConnectionString, merged));
    }

    /// <summary>Subscribes a new address through the API, confirmed by its emailed link when asked; returns it.</summary>
    public async Task<string> SubscribeAsync(string prefix, bool confirm)
    {
        var ct = TestContext.Current.CancellationToken;
        var email = SubscriptionHarness.NewAddress(prefix);
        var response = await Proof.ContractClient.SubscribeAsync(Site.Api.Client, email, TestIds.Ip(), ct);
        response.EnsureSuccessStatusCode();
        if (confirm)
        {
            var mail = (await Sink.WaitForMessagesAsync(m => m.Any(x => x.To.Email == email))).First(x => x.To.Email == email);
            var link = SubscriptionHarness.Link(mail.Text!, "subscriptions/confirm");
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", SubscriptionHarness.Token(link))]);
            (await Site.Api.Client.PostAsync(new Uri("api/subscriptions/confirm", UriKind.Relative), form, ct)).EnsureSuccessStatusCode();
        }
        return email;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
