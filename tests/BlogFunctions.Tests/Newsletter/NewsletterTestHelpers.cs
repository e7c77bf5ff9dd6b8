using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>Lets a test act at the dispatch's named points: crash there, or change data mid-run.</summary>
internal sealed class TestFaults : SendFaults
{
    public Action<string>? OnPoint { get; set; }

    public override void At(string point) => OnPoint?.Invoke(point);
}

public sealed class SimulatedCrashException(string point) : Exception("Simulated crash at " + point);

internal static class NewsletterTestHelpers
{
    public static async Task<string> RegisterPostAsync(IBlogHost server, string? id = null, DateTimeOffset? publishedAt = null)
    {
        id ??= TestIds.Post("nl");
        var response = await server.Moderator.PostAsJsonAsync("api/posts", new
        {
            id,
            title = "Tight glutes and lower back pain",
            url = $"https://blog.example/{id}",
            summary = "Why <b>tight</b> glutes pull on your lower back, and three stretches that help.",
            publishedAt = publishedAt ?? DateTimeOffset.UtcNow,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("key").GetString()!;
    }

    public static async Task<JsonElement> RunAsync(IBlogHost server)
    {
        var response = await server.Moderator.PostAsync("api/moderation/newsletter/run", null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits (up to a minute) until the queue steps have finished the post.</summary>
    public static async Task WaitForDoneAsync(NewsletterRig stack, string key)
    {
        var posts = stack.Table(PostEntity.TableName);
        for (var i = 0; i < 300; i++)
        {
            var post = await posts.GetEntityAsync<PostEntity>(PostEntity.Partition, key, cancellationToken: TestContext.Current.CancellationToken);
            if (post.Value.State == PostState.Done)
            {
                return;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"post {key} was not done within a minute");
    }

    /// <summary>Waits (up to a minute) until the status route shows the post done, on any host.</summary>
    public static async Task WaitForDoneAsync(IBlogHost server, string key)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await StatusOfAsync(server, key)).GetProperty("state").GetString() == PostState.Done)
            {
                return;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"post {key} was not done within a minute");
    }

    public static async Task<JsonElement> StatusOfAsync(IBlogHost server, string key)
    {
        var json = await server.Moderator.GetStringAsync("api/moderation/newsletter?limit=500", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).Clone();
    }

    /// <summary>Messages per recipient address for one post (by the custom_args the dispatch sets).</summary>
    public static Dictionary<string, int> CountsFor(SendGridSink sink, string postKey) =>
        sink.Messages.Where(m => m.CustomArgs.TryGetValue("postId", out var p) && p == postKey)
            .GroupBy(m => m.To.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The chunk rows of a post's committed plan, recipients included.</summary>
    public static async Task<List<ChunkEntity>> ChunksAsync(NewsletterRig stack, string postKey)
    {
        var post = (await stack.Tables.GetTableClient(PostEntity.TableName).GetEntityAsync<PostEntity>(PostEntity.Partition, postKey)).Value;
        var chunks = new List<ChunkEntity>();
        await foreach (var c in stack.Tables.GetTableClient(ChunkEntity.TableName).QueryAsync<ChunkEntity>(c => c.PartitionKey == postKey))
        {
            if (c.PlanId == post.PlanId)
            {
                chunks.Add(c);
            }
        }
        return chunks;
    }

    public static async Task<HashSet<string>> RecipientKeysAsync(IEnumerable<ChunkEntity> chunks) =>
        await Task.FromResult(chunks.SelectMany(c => RecipientList.Decode(c.Recipients)).SelectMany(g => g.Keys).ToHashSet(StringComparer.Ordinal));

    public static TableClient Table(this NewsletterRig stack, string name) => stack.Tables.GetTableClient(name);
}
