using System.Globalization;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>The end of the retries: an attempt that fails 24 h after its event is the last, and says so in the delivery log.</summary>
[Collection(WebhookRig.Collection)]
public sealed class WebhookGiveUpTests(WebhookRig rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_delivery_still_failing_24_hours_after_its_event_is_given_up_and_logged()
    {
        // A retry as the queue would hold it on its ninth attempt, of an event just over a day old.
        var id = "evt_" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddHours(-24).AddSeconds(-5);
        var body = new JsonObject
        {
            ["id"] = id,
            ["type"] = "comment.published",
            ["createdAt"] = at.ToString("O", CultureInfo.InvariantCulture),
            ["data"] = new JsonObject { ["id"] = "old-" + id },
        }.ToJsonString();
        rig.Receiver.AnswerNext(id, 503, 503);
        await rig.Server.Services.GetRequiredService<WorkQueueClient>().SendAsync(WorkQueues.Webhooks,
            new WebhookMessage(rig.Receiver.Url("json"), id, "comment.published", at, 9, body),
            WebhookMessageJson.Default.WebhookMessage, TimeSpan.Zero, Ct);

        var hook = (await rig.Receiver.WaitForAsync(h => h.EventId == id)).Single();
        Assert.Equal(503, hook.Answered);
        var rows = await rig.DeliveriesAsync(id);
        for (var i = 0; i < 50 && rows.Count == 0; i++)
        {
            await Task.Delay(100, Ct);
            rows = await rig.DeliveriesAsync(id);
        }
        var row = Assert.Single(rows);
        Assert.Equal("given_up", row.GetProperty("outcome").GetString());
        Assert.Equal(503, row.GetProperty("statusCode").GetInt32());
        Assert.Contains("attempt 9", row.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Nothing was queued again: with Webhooks:FirstRetrySeconds at 1, a retry would be here by now.
        await Task.Delay(3000, Ct);
        Assert.Single(rig.Receiver.Received, h => h.EventId == id);
    }
}
