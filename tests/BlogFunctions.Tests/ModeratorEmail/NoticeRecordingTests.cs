using System.Net;
using Azure.Data.Tables;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>A held comment leaves a notice for the digest only when someone is to be told.</summary>
public sealed class NoticeRecordingTests(BlogFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_NotifyEmails_nothing_is_recorded_and_with_them_one_notice_is()
    {
        // The shared server has no Moderation:NotifyEmails.
        var quiet = TestIds.Post("quiet");
        await new CommentApi(fixture.Server).PostOkAsync(quiet, new { author = "Ann", body = "Nobody is told about me" }, HttpStatusCode.Accepted);
        Assert.Empty(await NoticesForAsync(quiet));

        // The same request against a server with a moderator address does record one: the check above can fail.
        await using var told = await fixture.StartServerAsync(new Dictionary<string, string?>
        {
            ["Moderation:NotifyEmails:0"] = "mod@example.com",
        });
        var loud = TestIds.Post("told");
        var held = await new CommentApi(told).PostOkAsync(loud, new { author = "Ann", body = "Someone is told about me" }, HttpStatusCode.Accepted);
        var notice = Assert.Single(await NoticesForAsync(loud));
        Assert.Equal(held["id"]!.GetValue<string>(), notice.CommentId);
    }

    private async Task<List<ModerationNoticeEntity>> NoticesForAsync(string postId)
    {
        var table = new TableClient(fixture.StorageConnectionString, ModerationNoticeEntity.TableName);
        var list = new List<ModerationNoticeEntity>();
        await foreach (var n in table.QueryAsync<ModerationNoticeEntity>(n => n.PostId == postId, cancellationToken: Ct))
        {
            list.Add(n);
        }
        return list;
    }
}
