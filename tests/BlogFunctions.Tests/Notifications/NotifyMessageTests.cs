using System.Text.Json;
using BlogFunctions.Core.Notifications;

namespace BlogFunctions.Tests.Notifications;

/// <summary>The "published" message carries a list of comments; messages queued by the version before lists still work.</summary>
public sealed class NotifyMessageTests
{
    [Theory]
    [InlineData("""{"t":"published","p":"post-1","cs":["a","b"]}""", "a,b")]
    [InlineData("""{"t":"published","p":"post-1","c":"a"}""", "a")]
    [InlineData("""{"t":"published","p":"post-1"}""", "")]
    public void Published_ids_come_from_the_list_or_the_single_id_of_older_messages(string json, string expected)
    {
        var message = JsonSerializer.Deserialize(json, NotifyJson.Default.NotifyMessage)!;
        Assert.Equal(expected, string.Join(',', message.PublishedIds));
    }

    [Fact]
    public void A_list_message_round_trips_without_the_derived_property()
    {
        var json = JsonSerializer.Serialize(new NotifyMessage(NotifyMessage.Published, PostId: "p", CommentIds: ["a", "b"]),
            NotifyJson.Default.NotifyMessage);
        Assert.Equal("""{"t":"published","p":"p","cs":["a","b"]}""", json);
    }
}
