using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Moderation;

/// <summary>Deleting a comment that holds replies leaves a placeholder, so the replies keep their thread.</summary>
public sealed class TombstoneTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri Comment(string post, string id, string action = "") =>
        new($"api/moderation/comments/{post}/{id}{action}", UriKind.Relative);

    [Fact]
    public async Task Deleting_a_comment_with_an_approved_reply_leaves_an_erased_placeholder()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post("tomb");
        var email = $"{Guid.NewGuid():N}@example.com";
        var held = await api.PostOkAsync(post, new { author = "Parent Person", email, website = "https://parent.example", body = "Parent text" },
            HttpStatusCode.Accepted);
        var parent = held["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await stack.Server.Moderator.PostAsync(Comment(post, parent, "/approve"), null, Ct)).StatusCode);
        var reply = await api.PublishAsync(post, "Reply text", "Replier", parentId: parent);

        Assert.Equal(HttpStatusCode.NoContent, (await stack.Server.Moderator.DeleteAsync(Comment(post, parent), Ct)).StatusCode);

        var page = await api.GetPageAsync(post);
        var comments = page["comments"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal([parent, reply], comments.Select(c => c["id"]!.GetValue<string>()));
        var tomb = comments[0];
        Assert.True(tomb["deleted"]!.GetValue<bool>());
        Assert.Equal("", tomb["author"]!.GetValue<string>());
        Assert.Equal("", tomb["avatar"]!.GetValue<string>());
        Assert.Equal("", tomb["bodyHtml"]!.GetValue<string>());
        Assert.Null(tomb["website"]);
        Assert.Null(tomb["parentId"]);
        Assert.Equal(parent, comments[1]["parentId"]!.GetValue<string>());
        Assert.False(comments[1].ContainsKey("deleted"));
        Assert.Equal(1, page["count"]!.GetValue<int>());

        // Nothing personal is kept, and moderators no longer see or act on it.
        var stored = (await Tables[CommentTables.Comments].GetEntityAsync<TableEntity>(post, parent, cancellationToken: Ct)).Value;
        foreach (var field in new[] { "Author", "Email", "EmailHash", "AuthorHash", "Website", "IpHash", "Avatar", "BodyMarkdown", "BodyHtml" })
        {
            Assert.True(string.IsNullOrEmpty(stored.GetString(field)), $"{field} kept: {stored.GetString(field)}");
        }
        Assert.Equal(CommentStatus.Deleted, stored.GetString("Status"));
        var approved = await stack.Server.Moderator.GetFromJsonAsync<JsonObject>("api/moderation/comments?status=approved", Ct);
        Assert.DoesNotContain(approved!["comments"]!.AsArray(), c => c!["id"]!.GetValue<string>() == parent);
        await CommentApi.ProblemAsync(await stack.Server.Moderator.PostAsync(Comment(post, parent, "/approve"), null, Ct),
            HttpStatusCode.NotFound, "comment_not_found");
        var status = await stack.Server.Client.GetFromJsonAsync<JsonObject>($"api/posts/{post}/comments/status?id={parent}", Ct);
        Assert.Equal("gone", (string?)status![parent]);
        await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "Late", body = "Reply to a tombstone", parentId = parent }),
            HttpStatusCode.BadRequest, "invalid_parent");

        // Once its last reply is gone, deleting the placeholder removes it for good.
        Assert.Equal(HttpStatusCode.NoContent, (await stack.Server.Moderator.DeleteAsync(Comment(post, reply), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await stack.Server.Moderator.DeleteAsync(Comment(post, parent), Ct)).StatusCode);
        Assert.False((await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, parent, cancellationToken: Ct)).HasValue);
        page = await api.GetPageAsync(post);
        Assert.Empty(page["comments"]!.AsArray());
        Assert.Equal(0, page["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_a_comment_without_replies_removes_it()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post("tomb");
        var lonely = await api.PublishAsync(post, "No replies here");
        var other = await api.PublishAsync(post, "Another top-level comment");
        var rejectedReply = await api.PostOkAsync(post, new { author = "R", body = "Will be rejected", parentId = other }, HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, (await stack.Server.Moderator.PostAsync(
            Comment(post, rejectedReply["id"]!.GetValue<string>(), "/reject"), null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await stack.Server.Moderator.DeleteAsync(Comment(post, lonely), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await stack.Server.Moderator.DeleteAsync(Comment(post, other), Ct)).StatusCode);

        Assert.False((await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, lonely, cancellationToken: Ct)).HasValue);
        Assert.False((await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, other, cancellationToken: Ct)).HasValue);
        var page = await api.GetPageAsync(post);
        Assert.Empty(page["comments"]!.AsArray());
        Assert.Equal(0, page["count"]!.GetValue<int>());
    }

    private BlogTables Tables => stack.Server.Services.GetRequiredService<BlogTables>();
}
