using System.Net;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>
/// Issue #17 on the SelfHost: each comment event reaches the receiver signed with the endpoint's
/// secret, in the endpoint's format, with the public comment and never the commenter's address.
/// </summary>
[Collection(WebhookRig.Collection)]
public sealed class WebhookEventTests(WebhookRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private Task<IReadOnlyList<ReceivedHook>> JsonFor(string type, string commentId, int count = 1) =>
        rig.Receiver.WaitForAsync(h => h.Path == "json" && h.EventType == type && (string?)h.Json["data"]!["id"] == commentId, count);

    private async Task<string> PostAsync(string post, object body, HttpStatusCode expected) =>
        (await new CommentApi(rig.Server).PostOkAsync(post, body, expected))["id"]!.GetValue<string>();

    private async Task ModerateAsync(string post, string id, string action)
    {
        using var response = await rig.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/{action}", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_held_comment_reaches_every_endpoint_signed_in_its_format_without_the_address()
    {
        var post = TestIds.Post("whheld");
        var email = NewEmail("ann");
        var id = await PostAsync(post, new { author = "Ann", email, body = "Try **this**: https://stretch.example/glutes" }, HttpStatusCode.Accepted);

        var hook = Assert.Single(await JsonFor("comment.held", id));
        Assert.True(hook.SignedWith(WebhookRig.JsonSecret), hook.Signature);
        Assert.False(hook.SignedWith(WebhookRig.ChatSecret));
        var json = hook.Json;
        Assert.Equal(hook.EventId, (string?)json["id"]);
        Assert.Equal("comment.held", (string?)json["type"]);
        Assert.True(DateTimeOffset.TryParse((string?)json["createdAt"], out _));
        var data = json["data"]!.AsObject();
        Assert.Equal(post, (string?)data["postId"]);
        Assert.Equal("Ann", (string?)data["author"]);
        Assert.Contains("<strong>this</strong>", (string?)data["bodyHtml"], StringComparison.Ordinal);
        Assert.False(data.ContainsKey("email"));
        var moderation = (string)data["moderationUrl"]!;
        Assert.Equal("http://localhost/api/moderation/ui", moderation); // PublicBaseUrl + the moderation page
        using (var page = await rig.Server.Client.GetAsync(new Uri(moderation).PathAndQuery.TrimStart('/'), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var slack = (await rig.Receiver.WaitForAsync(h => h.Path == "slack" && h.EventId == hook.EventId)).Single();
        var text = (string)slack.Json["text"]!;
        Assert.Contains("held for moderation", text, StringComparison.Ordinal);
        Assert.Contains("by Ann", text, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/posts/" + post, text, StringComparison.Ordinal);
        Assert.Contains("Try this:", text, StringComparison.Ordinal); // plain text: no <strong>
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Contains("Review: " + moderation, text, StringComparison.Ordinal);
        Assert.True(slack.SignedWith(WebhookRig.ChatSecret));

        var discord = (await rig.Receiver.WaitForAsync(h => h.Path == "discord" && h.EventId == hook.EventId)).Single();
        Assert.Contains("by Ann", (string)discord.Json["content"]!, StringComparison.Ordinal);
        Assert.Empty(discord.Json["allowed_mentions"]!["parse"]!.AsArray());

        var teams = (await rig.Receiver.WaitForAsync(h => h.Path == "teams" && h.EventId == hook.EventId)).Single();
        Assert.Equal("message", (string?)teams.Json["type"]);
        var attachment = teams.Json["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal("AdaptiveCard", (string?)attachment["content"]!["type"]);
        Assert.Contains("by Ann", attachment["content"]!["body"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(moderation, (string?)attachment["content"]!["actions"]![0]!["url"]);

        foreach (var h in new[] { hook, slack, discord, teams })
        {
            Assert.DoesNotContain(email, h.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Published_approved_and_spam_comments_each_raise_their_event_on_the_json_endpoint_only()
    {
        var post = TestIds.Post("whev");
        var published = await PostAsync(post, new { author = "Bo", email = NewEmail("bo"), body = "Plain words." }, HttpStatusCode.Created);
        var toApprove = await PostAsync(post, new { author = "Cy", body = "See https://a.example/" }, HttpStatusCode.Accepted);
        var screened = await PostAsync(post, new { author = "Bot", body = "Cheap pills.", homepage = "http://spam.example" }, HttpStatusCode.Accepted);
        var toSpam = await PostAsync(post, new { author = "Di", body = "See https://b.example/" }, HttpStatusCode.Accepted);
        await ModerateAsync(post, toApprove, "approve");
        await ModerateAsync(post, toSpam, "spam");

        var hooks = new[]
        {
            Assert.Single(await JsonFor("comment.published", published)),
            Assert.Single(await JsonFor("comment.approved", toApprove)),
            Assert.Single(await JsonFor("comment.spam", screened)),
            Assert.Single(await JsonFor("comment.spam", toSpam)),
        };
        Assert.All(hooks, h => Assert.True(h.SignedWith(WebhookRig.JsonSecret)));
        Assert.All(hooks, h => Assert.Equal(h.EventType, (string?)h.Json["type"]));
        Assert.Equal("Plain words.", WebhookTestText.Plain((string?)hooks[0].Json["data"]!["bodyHtml"]));
        Assert.All(hooks, h => Assert.Null(h.Json["data"]!["moderationUrl"]));
        Assert.Equal(4, hooks.Select(h => h.EventId).Distinct().Count());

        // A repeated approval raises the same event id again: a receiver sees one event.
        await ModerateAsync(post, toApprove, "approve");
        var twice = await JsonFor("comment.approved", toApprove, 2);
        Assert.Single(twice.Select(h => h.EventId).Distinct());

        // The chat endpoints asked for held comments only.
        await Task.Delay(500, Ct);
        Assert.DoesNotContain(rig.Receiver.Received, h => h.Path != "json" && h.EventType != "comment.held");
    }
}

internal static class WebhookTestText
{
    public static string Plain(string? html) => System.Text.RegularExpressions.Regex.Replace(html ?? "", "<[^>]+>", "").Trim();
}
