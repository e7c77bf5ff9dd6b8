using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Tests.Proof;

/// <summary>Whether storage agrees with itself, as the moderator API and the tables show it.</summary>
public sealed partial class ModerationRace
{
    /// <summary>
    /// For each comment: exactly one moderation index row, in the partition of its stored status;
    /// the moderator lists show it in that list only; the post's count (stored and public) is its
    /// number of approved comments.
    /// </summary>
    public async Task AssertConsistentAsync(string postId, IReadOnlyList<string> ids, string when)
    {
        var stored = new List<CommentEntity>();
        foreach (var id in ids)
        {
            var comment = await StoredAsync(postId, id);
            stored.Add(comment);
            var rows = new List<string>();
            foreach (var status in CommentStatus.All)
            {
                var key = CommentTables.IndexRowKey(comment.CreatedAt, postId, id);
                if ((await Table(CommentTables.Index).GetEntityIfExistsAsync<TableEntity>(status, key, cancellationToken: Ct)).HasValue)
                {
                    rows.Add(status);
                }
            }
            Assert.True(rows.SequenceEqual([comment.Status]),
                $"{when}: comment {id} is {comment.Status} but its index rows are in [{string.Join(", ", rows)}]");
        }
        var lists = new Dictionary<string, HashSet<string>>();
        foreach (var status in CommentStatus.All)
        {
            lists[status] = await ListedAsync(status, postId);
        }
        foreach (var comment in stored)
        {
            var shownIn = lists.Where(l => l.Value.Contains(comment.Id)).Select(l => l.Key).ToList();
            Assert.True(shownIn.SequenceEqual([comment.Status]),
                $"{when}: comment {comment.Id} is {comment.Status} but the moderator lists show it in [{string.Join(", ", shownIn)}]");
        }
        var approved = stored.Count(c => c.Status == CommentStatus.Approved);
        var count = await Table(CommentTables.Comments).GetEntityIfExistsAsync<TableEntity>(postId, CommentTables.CountRowKey, cancellationToken: Ct);
        Assert.True(approved == (count.HasValue ? count.Value!.GetInt32("Approved") ?? 0 : 0), $"{when}: stored count differs from {approved} approved");
        var counts = await host.Server.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={postId}", Ct);
        Assert.True(approved == counts![postId]!.GetValue<int>(), $"{when}: public count differs from {approved} approved");
    }

    private async Task<HashSet<string>> ListedAsync(string status, string postId)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await host.Server.Moderator.GetFromJsonAsync<JsonObject>(
                $"api/moderation/comments?status={status}" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            foreach (var c in page!["comments"]!.AsArray().Where(c => c!["postId"]!.GetValue<string>() == postId))
            {
                ids.Add(c!["id"]!.GetValue<string>());
            }
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>POST moderation/comments/reconcile: what it repaired.</summary>
    public async Task<JsonObject> ReconcileAsync()
    {
        using var response = await host.Server.Moderator.PostAsync(new Uri("api/moderation/comments/reconcile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    /// <summary>Deletes every index row of the comments, puts the first one (approved) into the spam list too, and sets the count to 5.</summary>
    public async Task BreakIndexAndCountAsync(string postId, IReadOnlyList<string> ids)
    {
        var index = Table(CommentTables.Index);
        foreach (var id in ids)
        {
            var comment = await StoredAsync(postId, id);
            await index.DeleteEntityAsync(comment.Status, CommentTables.IndexRowKey(comment.CreatedAt, postId, id), cancellationToken: Ct);
        }
        var first = await StoredAsync(postId, ids[0]);
        await index.UpsertEntityAsync(new TableEntity(CommentStatus.Spam, CommentTables.IndexRowKey(first.CreatedAt, postId, ids[0]))
        {
            ["PostId"] = postId, ["CommentId"] = ids[0], ["CreatedAt"] = first.CreatedAt,
        }, cancellationToken: Ct);
        await Table(CommentTables.Comments).UpsertEntityAsync(
            new TableEntity(postId, CommentTables.CountRowKey) { ["Approved"] = 5 }, TableUpdateMode.Merge, Ct);
    }

    /// <summary>Changes a comment in storage without changing its status, as an edit or an erasure would.</summary>
    public async Task EditAsync(string postId, string id)
    {
        var comment = await StoredAsync(postId, id);
        await Table(CommentTables.Comments).UpdateEntityAsync(
            new TableEntity(postId, id) { ["BodyMarkdown"] = "Edited after the email went out" }, comment.ETag, TableUpdateMode.Merge, Ct);
    }
}
