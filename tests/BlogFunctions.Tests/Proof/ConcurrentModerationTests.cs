using System.Net;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Issue #14, fault 6: conflicting moderation of the same comments at the same time. Whatever
/// the interleaving, each comment ends in exactly the moderation list of its stored status, the
/// count agrees, conflicting requests have one winner (the loser 409/412, never a silent
/// overwrite), a one-click email link applies only to the version it showed, and the reconcile
/// restores index rows that went missing.
/// </summary>
public abstract class ConcurrentModerationTests(HoldingHost host)
{
    private const int Comments = 10;
    private const int Rounds = 8;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ModerationRace _race = new(host);

    [Fact]
    public async Task Approve_racing_spam_leaves_every_comment_in_the_list_of_its_status_with_one_winner()
    {
        var post = TestIds.Post("race");
        var ids = await _race.HoldAsync(post, Comments);
        var etags = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            etags[id] = (await _race.StoredAsync(post, id)).ETag.ToString();
        }
        for (var round = 0; round < Rounds; round++)
        {
            // Even rounds: both sides send the ETag they both read (the moderation page of two
            // moderators). Odd rounds: no If-Match, two approves and two spams per comment.
            var guarded = round % 2 == 0;
            var answers = await Task.WhenAll(ids.SelectMany(id => (guarded ? new[] { "approve", "spam" } : ["approve", "spam", "spam", "approve"])
                .Select(action => _race.ActAsync(post, id, action, guarded ? etags[id] : null))));
            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed,
                $"round {round}: {a.Target} of {a.CommentId} answered {(int)a.Status} {a.Body}"));
            foreach (var id in ids)
            {
                var mine = answers.Where(a => a.CommentId == id).ToList();
                var stored = await _race.StoredAsync(post, id);
                if (guarded)
                {
                    Assert.True(mine.Count(a => a.Status == HttpStatusCode.OK) == 1,
                        $"round {round}: {id} had {mine.Count(a => a.Status == HttpStatusCode.OK)} winners under one If-Match: {string.Join(", ", mine.Select(a => $"{a.Target}={(int)a.Status}"))}");
                }
                // The stored comment is what a 200 answer said it made (that answer's ETag is the stored one).
                var winners = mine.Where(a => a.Status == HttpStatusCode.OK && a.ETag == stored.ETag.ToString()).ToList();
                Assert.True(winners.Count > 0 && winners.All(w => w.Target == stored.Status),
                    $"round {round}: {id} is {stored.Status}, but no 200 answer made that version: {string.Join(", ", mine.Select(a => $"{a.Target}={(int)a.Status}"))}");
            }
            await _race.AssertConsistentAsync(post, ids, $"round {round}");
            // Start the next round from a status neither racer wants, so both sides really change it.
            foreach (var id in ids)
            {
                var reset = await _race.ActAsync(post, id, "reject", null);
                Assert.Equal(HttpStatusCode.OK, reset.Status);
                etags[id] = reset.ETag!;
            }
        }
        await _race.AssertConsistentAsync(post, ids, "after the rounds");
    }

    [Fact]
    public async Task A_one_click_approve_racing_an_api_reject_has_one_winner_and_the_status_follows_it()
    {
        for (var round = 0; round < Rounds / 2; round++)
        {
            var post = TestIds.Post("click");
            var ids = await _race.HoldAsync(post, Comments);
            var links = await _race.MailedApproveLinksAsync(post, ids);
            // The moderator page shows the same version the email did: both sides act on it.
            var seen = new Dictionary<string, string>();
            foreach (var id in ids)
            {
                seen[id] = (await _race.StoredAsync(post, id)).ETag.ToString();
            }
            var answers = await Task.WhenAll(ids.SelectMany((id, i) => new[]
            {
                _race.ClickAsync(id, links[i]),
                _race.ActAsync(post, id, "reject", seen[id]),
            }));
            foreach (var id in ids)
            {
                var (click, api) = (answers.Single(a => a.CommentId == id && a.ETag is null && a.Target == CommentStatus.Approved),
                    answers.Single(a => a.CommentId == id && a.Target == CommentStatus.Rejected));
                Assert.True(click.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"round {round}: the click answered {(int)click.Status}");
                Assert.True(api.Status is HttpStatusCode.OK or HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict,
                    $"round {round}: the API reject answered {(int)api.Status} {api.Body}");
                Assert.False(click.Status == HttpStatusCode.OK && api.Status == HttpStatusCode.OK,
                    $"round {round}: both the one-click approve and the API reject of {id} were told 200");
                var winner = click.Status == HttpStatusCode.OK ? CommentStatus.Approved
                    : api.Status == HttpStatusCode.OK ? CommentStatus.Rejected : CommentStatus.Pending;
                Assert.Equal(winner, (await _race.StoredAsync(post, id)).Status);
                if (click.Status == HttpStatusCode.Conflict)
                {
                    // Which page depends on whether the reject landed before the click's check or during its write.
                    Assert.True(click.Body.Contains("changed since the email was sent", StringComparison.Ordinal)
                        || click.Body.Contains("Already moderated", StringComparison.Ordinal), click.Body);
                }
            }
            await _race.AssertConsistentAsync(post, ids, $"round {round}");
        }
    }

    [Fact]
    public async Task A_one_click_link_applies_only_to_the_version_the_email_showed()
    {
        var post = TestIds.Post("stale");
        var ids = await _race.HoldAsync(post, 1);
        var link = (await _race.MailedApproveLinksAsync(post, ids))[0];

        // Changed after the email was rendered, still pending (as an edit or an erasure would).
        await _race.EditAsync(post, ids[0]);

        using (var page = await host.Server.Client.GetAsync(new Uri(link, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
            Assert.Contains("changed since the email was sent", await page.Content.ReadAsStringAsync(Ct));
        }
        var click = await _race.ClickAsync(ids[0], link);
        Assert.Equal(HttpStatusCode.Conflict, click.Status);
        Assert.Contains("moderation queue", click.Body);
        Assert.Equal(CommentStatus.Pending, (await _race.StoredAsync(post, ids[0])).Status);
        await _race.AssertConsistentAsync(post, ids, "after the stale click");
    }

    [Fact]
    public async Task Reconcile_restores_missing_and_misplaced_index_rows_and_the_count()
    {
        var post = TestIds.Post("reconcile");
        var ids = await _race.HoldAsync(post, 4);
        foreach (var (id, action) in ids.Zip(new[] { "approve", "spam", "reject" }))
        {
            Assert.Equal(HttpStatusCode.OK, (await _race.ActAsync(post, id, action, null)).Status);
        }
        // What a crash (or the old race) leaves: comments in no list at all, one in a list it does not belong to, a count that is off.
        await _race.BreakIndexAndCountAsync(post, ids);

        var result = await _race.ReconcileAsync();
        Assert.True(result["indexRepaired"]!.GetValue<int>() >= 4, result.ToJsonString());
        Assert.True(result["countsFixed"]!.GetValue<int>() >= 1, result.ToJsonString());
        await _race.AssertConsistentAsync(post, ids, "after the reconcile");

        // Nothing left to do: a second pass repairs nothing (here, or anything the other races left).
        var again = await _race.ReconcileAsync();
        Assert.Equal(0, again["indexRepaired"]!.GetValue<int>() + again["orphansRemoved"]!.GetValue<int>() + again["countsFixed"]!.GetValue<int>());
    }
}

public sealed class ConcurrentModerationTestsOnSelfHost(HoldingHost host)
    : ConcurrentModerationTests(host), IClassFixture<HoldingHost>;

public sealed class ConcurrentModerationTestsOnFunctions(HoldingHost.OnFunctions host)
    : ConcurrentModerationTests(host), IClassFixture<HoldingHost.OnFunctions>;
