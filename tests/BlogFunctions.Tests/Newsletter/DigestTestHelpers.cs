using Azure.Data.Tables;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>Rows and waits for the weekly digest tests, on either host.</summary>
internal static class DigestTestHelpers
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The latest Monday 08:00 UTC (the default digest hour); each test takes its own week back from it.</summary>
    public static readonly DateTimeOffset ThisMonday = WeeklyDigest.Latest(DateTimeOffset.UtcNow, DayOfWeek.Monday, 8);

    /// <summary>A SelfHost that takes its queue steps itself, retries a failed one after a second, and takes a claim for dead after 2 s.</summary>
    public static readonly Dictionary<string, string?> Polling = new()
    {
        ["SelfHost:QueuePollers"] = "true",
        ["Queues:VisibilityTimeoutSeconds"] = "1",
        ["Newsletter:ClaimTimeoutSeconds"] = "2",
    };

    /// <summary>An active subscriber written straight into the table, with a cadence.</summary>
    public static async Task<string> SeedSubscriberAsync(this NewsletterRig stack, IBlogHost server, string prefix,
        string? cadence = null, DateTimeOffset? weeklySince = null)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        var hash = server.Services.GetRequiredService<Signer>().Hash("email", email);
        await stack.Table(SubscriberEntity.TableName).AddEntityAsync(new SubscriberEntity
        {
            PartitionKey = SubscriberEntity.ShardOf(hash),
            RowKey = hash,
            Email = email,
            Status = SubscriberStatus.Active,
            CreatedAt = DateTimeOffset.UtcNow,
            ConfirmedAt = DateTimeOffset.UtcNow,
            Cadence = cadence,
            WeeklySince = weeklySince,
        }, Ct);
        return email;
    }

    /// <summary>The preference page of an address, as the link in its emails names it.</summary>
    public static string PreferencesPath(IBlogHost server, string email) => "api/subscriptions/preferences?token="
        + Uri.EscapeDataString(server.Services.GetRequiredService<PreferenceLinks>().TokenForHash(
            server.Services.GetRequiredService<SubscriberKeys>().HashOf(email)));

    /// <summary>A post already sent to its each-post subscribers, its plan committed at <paramref name="plannedAt"/>.</summary>
    public static async Task<string> SeedSentPostAsync(this NewsletterRig stack, string id, DateTimeOffset plannedAt)
    {
        var key = PostKeys.For(id);
        await stack.Table(PostEntity.TableName).AddEntityAsync(new PostEntity
        {
            RowKey = key,
            PostId = id,
            Title = "Post " + id,
            Url = "https://blog.example/" + id,
            Summary = "About " + id,
            PublishedAt = plannedAt,
            FirstSeenAt = plannedAt,
            Source = "api",
            State = PostState.Done,
            PlanId = "seeded",
            PlannedAt = plannedAt,
            CompletedAt = plannedAt,
        }, Ct);
        return key;
    }

    /// <summary>The one digest row of the test (reset empties the table), once it is done; fails after a minute.</summary>
    public static async Task<PostEntity> WaitForDigestAsync(this NewsletterRig stack)
    {
        var table = stack.Table(PostEntity.TableName);
        for (var i = 0; i < 300; i++)
        {
            await foreach (var digest in table.QueryAsync<PostEntity>(p => p.PartitionKey == PostEntity.DigestPartition, cancellationToken: Ct))
            {
                if (digest.State == PostState.Done)
                {
                    return digest;
                }
            }
            await Task.Delay(200, Ct);
        }
        Assert.Fail("no digest was done within a minute");
        return null!;
    }

    /// <summary>The digest emails in the sink, by recipient.</summary>
    public static ILookup<string, SinkMessage> DigestsIn(SendGridSink sink, string digestKey) =>
        sink.Messages.Where(m => m.CustomArgs.TryGetValue("postId", out var p) && p == digestKey)
            .ToLookup(m => m.To.Email, StringComparer.OrdinalIgnoreCase);

    /// <summary>The delivery-log rows of one digest.</summary>
    public static async Task<List<DeliveryEntity>> DigestDeliveriesAsync(this NewsletterRig stack, string digestKey)
    {
        var rows = new List<DeliveryEntity>();
        await foreach (var row in stack.Table(DeliveryEntity.TableName).QueryAsync<DeliveryEntity>(
            d => d.Kind == NewsletterMessages.DigestKind && d.PostId == digestKey, cancellationToken: Ct))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Puts a step on the newsletter queue as a redelivery would.</summary>
    public static Task SendStepAsync(this NewsletterRig stack, string json) =>
        new Azure.Storage.Queues.QueueClient(stack.ConnectionString, Core.Queues.WorkQueues.Newsletter,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 })
            .SendMessageAsync(json, Ct);
}
