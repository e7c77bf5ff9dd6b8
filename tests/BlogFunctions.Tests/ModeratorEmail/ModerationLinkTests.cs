using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Security;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>The one-click links of a digest: GET shows, POST acts once, forged or expired links change nothing.</summary>
public sealed class ModerationLinkTests(ModeratorEmailRig rig) : IClassFixture<ModeratorEmailRig>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await rig.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(string Post, string Id, IReadOnlyList<string> Links)> HeldAndMailedAsync(string body)
    {
        var post = TestIds.Post("link");
        var id = await rig.HoldAsync(post, body);
        Assert.Equal("sent", (await rig.RunAfterWindowAsync()).Outcome);
        var mail = rig.Sink.MessagesTo(ModeratorEmailRig.ModeratorA)[^1];
        return (post, id, ModeratorEmailRig.LinksIn(mail.Text!));
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string link)
    {
        using var response = await rig.Server.Client.GetAsync(link, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(string link)
    {
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("token", token)]);
        using var client = ContractCheckingHandler.Client(rig.Server.BaseAddress, new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await client.PostAsync("api/moderation/act", content, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Get_shows_the_comment_and_changes_nothing_then_post_approves_once()
    {
        var (post, id, links) = await HeldAndMailedAsync("Does <i>this</i> stretch help?");
        var approve = links[0];

        var (status, page) = await GetAsync(approve);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Approve this comment?", page);
        Assert.Contains("Does &lt;i&gt;this&lt;/i&gt; stretch help?", page);
        Assert.Contains("<form method=\"post\"", page);
        Assert.Contains("pending", page);
        (status, _) = await GetAsync(approve); // link scanners fetch twice: still nothing happens
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pending", await rig.StatusAsync(post, id));
        Assert.Empty(await PublicCommentsAsync(post));

        (status, page) = await PostAsync(approve);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Comment approved", page);
        Assert.Equal("approved", await rig.StatusAsync(post, id));
        Assert.Contains(id, await PublicCommentsAsync(post));

        // The same link again: already used, nothing changed.
        (status, page) = await PostAsync(approve);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already used", page);
        (status, page) = await GetAsync(approve);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already used", page);
        Assert.Equal("approved", await rig.StatusAsync(post, id));

        // The reject link of the same comment: someone already moderated it.
        (status, page) = await PostAsync(links[1]);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Already moderated", page);
        Assert.Equal("approved", await rig.StatusAsync(post, id));
    }

    [Fact]
    public async Task Spam_and_reject_links_act_and_keep_the_comment_hidden()
    {
        var (post, id, links) = await HeldAndMailedAsync("Buy my course");
        var (status, page) = await PostAsync(links[2]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("marked as spam", page);
        Assert.Equal("spam", await rig.StatusAsync(post, id));
        Assert.Empty(await PublicCommentsAsync(post));

        var (post2, id2, links2) = await HeldAndMailedAsync("Off-topic rant");
        (status, _) = await PostAsync(links2[1]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", await rig.StatusAsync(post2, id2));
    }

    [Fact]
    public async Task Used_links_are_forgotten_by_key_range_only_after_they_expire()
    {
        var (post, id, links) = await HeldAndMailedAsync("Kept as used until it expires");
        var issuedDay = UsedLinkStore.PartitionOf(rig.Time.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(links[0])).Status);
        var cleanup = rig.Server.Services.GetRequiredService<UsedLinkCleanup>();
        var table = rig.Server.Services.GetRequiredService<BlogTables>()[UsedLinkEntity.TableName];
        async Task<int> UsedRowsOfDayAsync()
        {
            var rows = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(r => r.PartitionKey == issuedDay, cancellationToken: Ct))
            {
                rows++;
            }
            return rows;
        }

        // Still valid: the used-row must stay, or the link would work twice.
        rig.Time.Advance(ModerationLinkTokens.ValidFor - TimeSpan.FromHours(1));
        await cleanup.RunOnceAsync(Ct);
        Assert.True(await UsedRowsOfDayAsync() >= 1);
        var (status, page) = await PostAsync(links[0]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already used", page);

        // Expired (plus the day of margin): the row goes, and the signature check alone refuses the link.
        rig.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await cleanup.RunOnceAsync(Ct);
        Assert.Equal(0, await UsedRowsOfDayAsync());
        (status, page) = await PostAsync(links[0]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("This link does not work", page);
        Assert.Equal("approved", await rig.StatusAsync(post, id));
    }

    [Fact]
    public async Task A_link_of_the_first_format_without_an_etag_still_works_for_its_seven_days()
    {
        var post = TestIds.Post("v1link");
        var id = await rig.HoldAsync(post, "Mailed before links carried an ETag");
        var signer = new Signer(Options.Create(new SecurityOptions { SigningKey = BlogServer.SigningKey }));
        var token = signer.Sign(ModerationLinkTokens.Purpose,
            $"v1|{post}|{id}|approve|{rig.Time.GetUtcNow().ToUnixTimeSeconds()}|{Guid.NewGuid():N}");

        var (status, page) = await PostAsync("api/moderation/act?token=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Comment approved", page);
        Assert.Equal("approved", await rig.StatusAsync(post, id));
    }

    public static TheoryData<string> BadTokens() => new() { "foreign-key", "expired", "tampered", "other-purpose", "future", "garbage", "empty" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Forged_and_expired_links_answer_400_and_change_nothing(string kind)
    {
        var post = TestIds.Post("forged");
        var id = await rig.HoldAsync(post, "Target of a forged link");
        // The same recipe untouched makes a working link, so the 400s below are about the flaw.
        // Links carry the ETag of the comment as the email showed it: the projected one.
        await rig.Server.Services.GetRequiredService<CommentProjectionService>().FlushAsync(Ct);
        var version = (await rig.Server.Services.GetRequiredService<CommentStore>().GetAsync(post, id, Ct))!.ETag;
        var (control, _) = await GetAsync("api/moderation/act?token=" + Uri.EscapeDataString(Token("valid", post, id, version)));
        Assert.Equal(HttpStatusCode.OK, control);
        var link = "api/moderation/act?token=" + Uri.EscapeDataString(Token(kind, post, id, version));

        var (status, page) = await GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("This link does not work", page);
        (status, _) = await PostAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("pending", await rig.StatusAsync(post, id));
    }

    private string Token(string kind, string post, string id, Azure.ETag version)
    {
        var signer = new Signer(Options.Create(new SecurityOptions { SigningKey = BlogServer.SigningKey }));
        var now = rig.Time.GetUtcNow();
        ModerationLinkTokens At(DateTimeOffset t, Signer? s = null) => new(s ?? signer, new FakeTimeProvider(t));
        var valid = At(now).Create(post, id, ModerationAction.Approve, version);
        return kind switch
        {
            "valid" => valid,
            "foreign-key" => At(now, new Signer(Options.Create(new SecurityOptions { SigningKey = "another-signing-key-0123456789-0123456789-xyz" })))
                .Create(post, id, ModerationAction.Approve, version),
            "expired" => At(now - ModerationLinkTokens.ValidFor - TimeSpan.FromMinutes(1)).Create(post, id, ModerationAction.Approve, version),
            "future" => At(now.AddDays(1)).Create(post, id, ModerationAction.Approve, version),
            "tampered" => valid[..5] + (valid[5] == 'A' ? 'B' : 'A') + valid[6..],
            "other-purpose" => signer.Sign("subscribe-confirm", $"v1|{post}|{id}|approve|{now.ToUnixTimeSeconds()}|AAAAAAAAAAAAAAAAAAAAAA"),
            "garbage" => "not-a-token",
            _ => "",
        };
    }

    private async Task<IReadOnlyList<string>> PublicCommentsAsync(string post)
    {
        using var response = await rig.Server.Client.GetAsync($"api/posts/{post}/comments", Ct);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return [.. doc.RootElement.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];
    }
}
