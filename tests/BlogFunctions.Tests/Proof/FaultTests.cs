using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Storage outages under sustained load: Azurite is stopped and started twice while clients keep
/// posting or moderating. Every acknowledged (2xx) write must be there afterwards; during the
/// outage callers get 503 + Retry-After and never a 500; the same server recovers by itself.
/// </summary>
public abstract class FaultTests(HostKind kind) : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "blogfn-fault-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess _azurite = null!;
    private IBlogHost? _server;

    public async ValueTask InitializeAsync()
    {
        _azurite = new AzuriteProcess(_data);
        await _azurite.StartAsync();
    }

    private Task<IBlogHost> StartAsync(IReadOnlyDictionary<string, string?>? settings) =>
        BlogHosts.StartAsync(kind, _azurite.ConnectionString, settings);

    private async Task<IBlogHost> ServerAsync(string mode)
    {
        _server = await StartAsync(
            new Dictionary<string, string?> { ["Comments:Mode"] = mode });
        return _server;
    }

    [Fact]
    public async Task Acknowledged_comments_survive_two_storage_outages_and_the_service_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await ServerAsync("None");
        var postId = TestIds.Post("fault");
        var token = await ContractClient.FormTokenAsync(server.Client, postId, ct);
        var sequence = 0;
        var driver = new OutageDriver(_azurite);
        await driver.RunAsync(4, async (_, now) =>
        {
            var n = Interlocked.Increment(ref sequence);
            var at = now();
            using var response = await ContractClient.PostCommentAsync(server.Client, postId,
                ContractClient.CommentBody(token, body: $"Comment {n} written during a storage outage test."), TestIds.Ip(), ct);
            string? id = null;
            if (response.IsSuccessStatusCode)
            {
                id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
            }
            return new Observation((int)response.StatusCode, response.Headers.RetryAfter is not null, at, id);
        }, ct);

        Assert.Empty(driver.ContractViolations(201, 202));
        Assert.True(driver.Count(503) > 0, "no request met the outage: the test proved nothing");
        Assert.True(driver.Recovered, "no comment was accepted after the last restart");
        var acknowledged = driver.Observations.Where(o => o.Key is not null).Select(o => o.Key!).ToHashSet();
        var stored = await PublishedIdsAsync(server, postId, acknowledged, ct);
        Assert.Empty(acknowledged.Except(stored));
    }

    [Fact]
    public async Task Acknowledged_moderation_actions_survive_two_storage_outages()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await ServerAsync("All");
        var postId = TestIds.Post("faultmod");
        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            ContractClient.CreateCommentAsync(server.Client, postId, ct, body: $"Held comment {i} for the outage test.")));
        var pending = new ConcurrentQueue<string>(ids);
        var approved = new ConcurrentBag<string>();
        var driver = new OutageDriver(_azurite);
        await driver.RunAsync(3, async (_, now) =>
        {
            // Once the queue is drained (a fast machine gets there before the first outage), repeat
            // approvals: an idempotent action that still needs storage, so load lasts through both outages.
            if (!pending.TryDequeue(out var id))
            {
                id = ids[Random.Shared.Next(ids.Length)];
            }
            var at = now();
            using var response = await server.Moderator.PostAsync(
                new Uri($"api/moderation/comments/{postId}/{id}/approve", UriKind.Relative), null, ct);
            if (response.IsSuccessStatusCode)
            {
                approved.Add(id);
            }
            else
            {
                pending.Enqueue(id); // what a moderator does after a 503: try again later
            }
            return new Observation((int)response.StatusCode, response.Headers.RetryAfter is not null, at, response.IsSuccessStatusCode ? id : null);
        }, ct);

        Assert.Empty(driver.ContractViolations(200));
        Assert.True(driver.Count(503) > 0, "no request met the outage: the test proved nothing");
        Assert.True(driver.Recovered, "no action succeeded after the last restart");
        var published = await PublishedIdsAsync(server, postId, approved.ToHashSet(), ct);
        Assert.Empty(approved.Except(published));
    }

    [Fact]
    public async Task Acknowledged_subscriptions_survive_two_storage_outages_with_one_confirmation_each()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SendGridSink.StartAsync();
        _server = await StartAsync(sink.Settings());
        var server = _server;
        var run = Guid.NewGuid().ToString("N")[..8];
        var sequence = 0;
        var retry = new ConcurrentQueue<string>();
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var driver = new OutageDriver(_azurite);
        await driver.RunAsync(4, async (_, now) =>
        {
            // A reader who met a 503 tries again later, as the Retry-After asks.
            if (!retry.TryDequeue(out var email))
            {
                email = $"outage-{run}-{Interlocked.Increment(ref sequence)}@example.com";
            }
            var at = now();
            using var response = await ContractClient.SubscribeAsync(server.Client, email, TestIds.Ip(), ct);
            if (response.IsSuccessStatusCode)
            {
                acknowledged[email] = true;
            }
            else if ((int)response.StatusCode == 503)
            {
                retry.Enqueue(email);
            }
            return new Observation((int)response.StatusCode, response.Headers.RetryAfter is not null, at, response.IsSuccessStatusCode ? email : null);
        }, ct);

        Assert.Empty(driver.ContractViolations(202));
        Assert.True(driver.Count(503) > 0, "no request met the outage: the test proved nothing");
        Assert.True(driver.Recovered, "no subscription was accepted after the last restart");
        var keys = server.Services.GetRequiredService<SubscriberKeys>();
        var store = server.Services.GetRequiredService<SubscriberStore>();
        var missing = new List<string>();
        foreach (var email in acknowledged.Keys)
        {
            if (await store.GetAsync(keys.HashOf(email), ct) is null)
            {
                missing.Add(email);
            }
        }
        Assert.Empty(missing);
        // Repeats within ten minutes send nothing new, so an outage must not cost a reader their
        // confirmation, nor send it twice.
        var confirmations = sink.Messages.Where(m => m.To.Email.StartsWith($"outage-{run}-", StringComparison.Ordinal))
            .GroupBy(m => m.To.Email).ToDictionary(g => g.Key, g => g.Count());
        var twice = confirmations.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        var never = acknowledged.Keys.Where(e => !confirmations.ContainsKey(e)).ToList();
        Assert.True(twice.Count == 0, "confirmed twice: " + string.Join(", ", twice));
        Assert.True(never.Count == 0, "acknowledged but no confirmation: " + string.Join(", ", never));
    }

    /// <summary>The post's public ids, read until every expected id shows (the public read may be cached for seconds) or 15 s pass.</summary>
    private static async Task<HashSet<string>> PublishedIdsAsync(IBlogHost server, string postId, HashSet<string> expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var ids = new HashSet<string>();
            string? cursor = null;
            do
            {
                var url = $"api/posts/{postId}/comments" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor));
                var page = await server.Client.GetFromJsonAsync<JsonObject>(url, ct);
                foreach (var c in page!["comments"]!.AsArray())
                {
                    ids.Add(c!["id"]!.GetValue<string>());
                }
                cursor = page["next"]?.GetValue<string>();
            }
            while (cursor is not null);
            if (expected.IsSubsetOf(ids) || DateTime.UtcNow > deadline)
            {
                return ids;
            }
            await Task.Delay(500, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}

public sealed class FaultTestsOnSelfHost() : FaultTests(HostKind.SelfHost);

public sealed class FaultTestsOnFunctions() : FaultTests(HostKind.Functions);
