using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Moderation;

/// <summary>The interfaces other features call: one-click moderation and GDPR erasure.</summary>
public sealed class HookTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Comment_moderation_hook_applies_actions_and_reports_unknown_comments()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post();
        var id = (await api.PostOkAsync(post, new { author = "Hook", body = "Via email link" }, HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        var moderation = stack.Server.Services.GetRequiredService<ICommentModeration>();

        Assert.True(await moderation.ApplyAsync(post, id, ModerationAction.Approve, Ct));
        Assert.Single((await api.GetPageAsync(post))["comments"]!.AsArray());
        Assert.True(await moderation.ApplyAsync(post, id, ModerationAction.Spam, Ct));
        Assert.Empty((await api.GetPageAsync(post))["comments"]!.AsArray());

        Assert.False(await moderation.ApplyAsync(post, "00000000000000000000f", ModerationAction.Approve, Ct));
        Assert.False(await moderation.ApplyAsync("Bad/Id", id, ModerationAction.Approve, Ct));
        Assert.False(await moderation.ApplyAsync(post, "../x", ModerationAction.Reject, Ct));
    }

    [Fact]
    public async Task Erasure_blanks_every_comment_of_an_address_and_nothing_else()
    {
        var api = new CommentApi(stack.Server);
        var (a, b) = (TestIds.Post(), TestIds.Post());
        var email = $"{Guid.NewGuid():N}@example.com";
        var posted1 = await api.PostOkAsync(a, new { author = "Gone", email, website = "https://gone.example", body = "Mine one" }, HttpStatusCode.Accepted);
        var (mine1, authorToken) = (posted1["id"]!.GetValue<string>(), posted1["authorToken"]!.GetValue<string>());
        var mine2 = (await api.PostOkAsync(b, new { author = "Gone", email, body = "Mine two" }, HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        var other = (await api.PostOkAsync(a, new { author = "Stays", email = "other-" + email, body = "Not mine" }, HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        foreach (var (post, id) in new[] { (a, mine1), (a, other) })
        {
            await stack.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/approve", UriKind.Relative), null, Ct);
        }

        var eraser = stack.Server.Services.GetRequiredService<ICommentPersonalDataEraser>();
        Assert.Equal(2, await eraser.EraseByEmailAsync(" " + email.ToUpperInvariant() + " ", Ct));

        var page = (await api.GetPageAsync(a))["comments"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var erased = page.Single(c => c["id"]!.GetValue<string>() == mine1);
        Assert.Equal("[deleted]", erased["author"]!.GetValue<string>());
        Assert.Null(erased["website"]);
        Assert.Equal("<p>Mine one</p>", erased["bodyHtml"]!.GetValue<string>());
        Assert.Equal("Stays", page.Single(c => c["id"]!.GetValue<string>() == other)["author"]!.GetValue<string>());

        var pending = await stack.Server.Moderator.GetFromJsonAsync<JsonObject>("api/moderation/comments?status=pending", Ct);
        var held = pending!["comments"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == mine2)!;
        Assert.Null(held["email"]);
        Assert.Equal("[deleted]", held["author"]!.GetValue<string>());
        var stored = await stack.Server.Services.GetRequiredService<CommentStore>().GetAsync(b, mine2, Ct);
        Assert.Null(stored!.IpHash);
        Assert.Null(stored.EmailHash);

        // The address is no longer a known author, even with the token of its approved comment: FirstTime mode holds it again.
        await api.PostOkAsync(a, new { author = "Gone", email, body = "Back again", authorToken }, HttpStatusCode.Accepted);
        Assert.Equal(1, await eraser.EraseByEmailAsync(email, Ct));
        Assert.Equal(0, await eraser.EraseByEmailAsync(email, Ct));
    }
}
