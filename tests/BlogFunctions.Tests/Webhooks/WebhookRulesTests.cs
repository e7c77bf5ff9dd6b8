using System.Text.Json.Nodes;
using BlogFunctions.Core.Webhooks;

namespace BlogFunctions.Tests.Webhooks;

/// <summary>The pure parts: the retry schedule within 24 h, and the chat formats' limits.</summary>
public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retries_double_from_the_first_delay_and_stop_24_hours_after_the_event()
    {
        var first = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookBackoff.Next(1, At, At, first));
        Assert.Equal(TimeSpan.FromSeconds(60), WebhookBackoff.Next(2, At, At.AddSeconds(31), first));
        Assert.Equal(TimeSpan.FromMinutes(16), WebhookBackoff.Next(6, At, At.AddMinutes(16), first));

        // Walk the whole schedule: attempts keep coming, none later than 24 h after the event, then it gives up.
        var now = At;
        var attempt = 1;
        while (WebhookBackoff.Next(attempt, At, now, first) is { } delay)
        {
            now += delay;
            attempt++;
            Assert.True(now <= At.AddHours(24));
        }
        Assert.Equal(At.AddHours(24), now);
        Assert.InRange(attempt, 12, 14);
        Assert.Null(WebhookBackoff.Next(attempt, At, At.AddHours(24).AddSeconds(1), first));
    }

    [Fact]
    public void Discord_content_stays_within_2000_characters_and_slack_text_cannot_carry_markup()
    {
        var filler = new string('x', 5000);
        var e = new WebhookEvent("evt_1", "comment.published", At, new JsonObject(), "New comment published", "<!channel> & " + filler);
        var discord = JsonNode.Parse(WebhookFormatter.Render("discord", e))!;
        Assert.Equal(2000, ((string)discord["content"]!).Length);
        var slack = (string)JsonNode.Parse(WebhookFormatter.Render("slack", e))!["text"]!;
        Assert.StartsWith("&lt;!channel&gt; &amp; ", slack, StringComparison.Ordinal);
        var json = JsonNode.Parse(WebhookFormatter.Render("json", e))!;
        Assert.Equal("evt_1", (string?)json["id"]);
        Assert.Equal("2026-12-07T12:00:00.000Z", (string?)json["createdAt"]);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body()
    {
        var header = WebhookSignature.Create("k", DateTimeOffset.FromUnixTimeSeconds(1700000000), "{}");
        // echo -n '1700000000.{}' | openssl dgst -sha256 -hmac k
        Assert.Equal("t=1700000000,v1=c6ef4734033cee2367414a0939385eca0397754aa7a59716da7463a9298b5146", header);
    }
}
