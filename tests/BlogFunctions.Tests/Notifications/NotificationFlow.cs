using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// A reader's side of notifications, through either host's HTTP API and the SendGrid sink: sign up
/// with a comment, confirm through the mailed link, have replies approved, follow the mailed links.
/// </summary>
public sealed partial class NotificationFlow(IBlogHost host, SendGridSink sink)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>Posts a comment (held: a first-time author) with an email and a notify choice; returns its id.</summary>
    public async Task<string> PostAsync(string postId, string author, string? email, string body, string? notify = null,
        string? parentId = null, object? extra = null, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var json = new JsonObject { ["author"] = author, ["body"] = body };
        if (email is not null) json["email"] = email;
        if (notify is not null) json["notify"] = notify;
        if (parentId is not null) json["parentId"] = parentId;
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject())
            {
                json[k] = v?.DeepClone();
            }
        }
        var answer = await new CommentApi(host).PostOkAsync(postId, json, expected);
        return answer["id"]!.GetValue<string>();
    }

    public async Task ModerateAsync(string postId, string commentId, string action = "approve")
    {
        using var response = await host.Moderator.PostAsync(new Uri($"api/moderation/comments/{postId}/{commentId}/{action}", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public IReadOnlyList<SinkMessage> To(string email) => sink.MessagesTo(email);

    /// <summary>Waits until <paramref name="email"/> has <paramref name="count"/> messages, and returns them.</summary>
    public async Task<IReadOnlyList<SinkMessage>> WaitForAsync(string email, int count, int seconds = 30)
    {
        try
        {
            await sink.WaitForMessagesAsync(_ => sink.MessagesTo(email).Count >= count, TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException e) when (host is FunctionsHost.FunctionsServer f)
        {
            throw new TimeoutException(e.Message + "\n" + f.Diagnostics, e);
        }
        return sink.MessagesTo(email);
    }

    /// <summary>Waits for the confirmation email, opens its link and presses the button.</summary>
    public async Task ConfirmAsync(string email)
    {
        var mail = (await WaitForAsync(email, 1)).Single(m => m.Subject.StartsWith("Confirm your address", StringComparison.Ordinal));
        var link = Links(mail.Text!, "confirm").Single();
        using (var page = await host.Client.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", TokenOf(link))]);
        using var done = await host.Client.PostAsync(new Uri("api/notifications/confirm", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Address confirmed", await done.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>RFC 8058 one-click on an api-relative link.</summary>
    public async Task OneClickAsync(string link)
    {
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
        using var done = await host.Client.PostAsync(link, form, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    /// <summary>The api-relative notification links of one kind ("confirm", "unsubscribe") in a text body, in order.</summary>
    public static IReadOnlyList<string> Links(string text, string kind) =>
        [.. Link().Matches(text).Where(m => m.Groups[2].Value == kind).Select(m => m.Groups[1].Value)];

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [GeneratedRegex(@"https?://[^\s/]+/(api/notifications/(confirm|unsubscribe)\?token=[^\s""<>]+)")]
    private static partial Regex Link();
}
