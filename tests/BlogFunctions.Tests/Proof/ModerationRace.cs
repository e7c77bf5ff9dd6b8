using System.Net;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.ModeratorEmail;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Proof;

/// <summary>One moderation request of a race and what it got back.</summary>
public sealed record RaceAnswer(string CommentId, string Target, HttpStatusCode Status, string? ETag, string Body);

/// <summary>The moves of the concurrent moderation proofs, and the check that storage agrees with itself.</summary>
public sealed partial class ModerationRace(ProofFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TableClient Table(string name) => host.Storage.GetTableClient(name);

    /// <summary>Held comments on one post, projected (so their ETags are final), in order.</summary>
    public async Task<List<string>> HoldAsync(string postId, int count)
    {
        var api = new CommentApi(host.Server);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var held = await api.PostOkAsync(postId, new { author = "Racer", email = $"{Guid.NewGuid():N}@example.com", body = $"Race comment {Guid.NewGuid():N}" },
                HttpStatusCode.Accepted);
            ids.Add(held["id"]!.GetValue<string>());
        }
        await host.SnapshotAsync(Ct);
        return ids;
    }

    internal async Task<CommentEntity> StoredAsync(string postId, string id) =>
        (await Table(CommentTables.Comments).GetEntityAsync<CommentEntity>(postId, id, cancellationToken: Ct)).Value;

    /// <summary>POST approve / reject / spam through the moderator API, with If-Match when given.</summary>
    public async Task<RaceAnswer> ActAsync(string postId, string id, string action, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/moderation/comments/{postId}/{id}/{action}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        using var response = await host.Server.Moderator.SendAsync(request, Ct);
        var etag = response.Headers.TryGetValues("ETag", out var values) ? values.First() : null;
        return new RaceAnswer(id, Status(action), response.StatusCode, etag, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The approve link of each comment as the moderator email renders it now (the real digest composer).</summary>
    public async Task<List<string>> MailedApproveLinksAsync(string postId, IReadOnlyList<string> ids)
    {
        var comments = new List<CommentEntity>();
        foreach (var id in ids)
        {
            comments.Add(await StoredAsync(postId, id));
        }
        var mail = await host.Server.Services.GetRequiredService<ModerationDigestMail>()
            .ComposeAsync(new DigestBatch(comments, 0), "race", ["mod@example.com"]);
        var links = ModeratorEmailRig.LinksIn(mail.Text!);
        Assert.Equal(ids.Count * 3, links.Count);
        return [.. ids.Select((_, i) => links[i * 3])];
    }

    /// <summary>The one-click button: POST the link's token as the confirmation page's form does.</summary>
    public async Task<RaceAnswer> ClickAsync(string id, string link)
    {
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using var form = new FormUrlEncodedContent([KeyValuePair.Create("token", token)]);
        using var response = await host.Server.Client.PostAsync(new Uri("api/moderation/act", UriKind.Relative), form, Ct);
        return new RaceAnswer(id, CommentStatus.Approved, response.StatusCode, null, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Status(string action) => action switch
    {
        "approve" => CommentStatus.Approved,
        "reject" => CommentStatus.Rejected,
        _ => CommentStatus.Spam,
    };
}
