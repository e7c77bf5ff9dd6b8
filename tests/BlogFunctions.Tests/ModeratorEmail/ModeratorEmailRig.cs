using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.ModeratorEmail;

/// <summary>
/// A SelfHost with two moderator addresses, sending to its own SendGrid sink, on its own Azurite
/// (the digest's state row is global, so no other test may run a digest over the same storage)
/// and on a fake clock that the tests move instead of waiting for the timer.
/// </summary>
public sealed partial class ModeratorEmailRig : IAsyncLifetime
{
    public const string ModeratorA = "mod-a@example.com";
    public const string ModeratorB = "Mod-B@example.com";

    private readonly AzuriteProcess _azurite = new();

    public SendGridSink Sink { get; private set; } = null!;
    public BlogServer Server { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    internal SwitchableFaults Faults { get; } = new();
    public string ConnectionString => _azurite.ConnectionString;

    internal ModerationDigestJob Job => Server.Services.GetRequiredService<ModerationDigestJob>();

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Sink = await SendGridSink.StartAsync();
        var settings = Sink.Settings();
        settings["Moderation:NotifyEmails:0"] = ModeratorA;
        settings["Moderation:NotifyEmails:1"] = ModeratorB;
        settings["Moderation:NotifyEmails:2"] = " mod-a@EXAMPLE.com "; // a duplicate gets no second email
        settings["Web:PostUrlTemplate"] = "https://blog.example/posts/{postId}";
        settings["Email:FromName"] = "Glute Notes";
        // The tests run the digest job on a fake clock; the queue's delayed messages must not run it too.
        settings["SelfHost:QueuePollers"] = "false";
        Server = await BlogServer.StartAsync(_azurite.ConnectionString, settings, b =>
        {
            b.Services.AddSingleton<TimeProvider>(Time);
            b.Services.AddSingleton<SendFaults>(Faults);
        });
    }

    /// <summary>Sends whatever an earlier test left, then forgets the sink's requests: each test starts clean.</summary>
    public async Task ResetAsync()
    {
        Faults.Throw = null;
        Time.Advance(TimeSpan.FromMinutes(10));
        await Job.RunOnceAsync(TestContext.Current.CancellationToken);
        Sink.Reset();
    }

    /// <summary>Moderation:DigestDelaySeconds at its default, and the grace that goes with it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Grace = ModerationDigestJob.GraceFor(Window);

    /// <summary>Moves the clock past the digest window and runs the job once.</summary>
    internal Task<DigestRunResult> RunAfterWindowAsync()
    {
        Time.Advance(Window + Grace + TimeSpan.FromSeconds(1));
        return Job.RunOnceAsync(TestContext.Current.CancellationToken);
    }

    public CommentApi Comments() => new(Server);

    /// <summary>Posts a comment screening holds (a first-time author) and returns its id.</summary>
    public async Task<string> HoldAsync(string postId, string body, string author = "Ann")
    {
        var held = await Comments().PostOkAsync(postId, new { author, email = $"{Guid.NewGuid():N}@example.com", body },
            System.Net.HttpStatusCode.Accepted);
        return held["id"]!.GetValue<string>();
    }

    public async Task<string> StatusAsync(string postId, string commentId)
    {
        foreach (var status in new[] { "pending", "approved", "rejected", "spam" })
        {
            var page = await Server.Moderator.GetFromJsonAsync<JsonElement>($"api/moderation/comments?status={status}",
                TestContext.Current.CancellationToken);
            if (page.GetProperty("comments").EnumerateArray().Any(c => c.GetProperty("id").GetString() == commentId
                && c.GetProperty("postId").GetString() == postId))
            {
                return status;
            }
        }
        return "missing";
    }

    /// <summary>Delivery log rows of kind moderation for one moderator address.</summary>
    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(string email)
    {
        var page = await Server.Moderator.GetFromJsonAsync<JsonElement>(
            "api/moderation/deliveries?kind=moderation&limit=500&email=" + Uri.EscapeDataString(email), TestContext.Current.CancellationToken);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The api-relative approve/reject/spam links of one comment in a text body, in that order.</summary>
    public static IReadOnlyList<string> LinksIn(string text) =>
        [.. Link().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"https?://[^\s/]+/(api/moderation/act\?token=[^\s""<>]+)")]
    private static partial Regex Link();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

/// <summary>Throws at the named point of a digest run, as a crash there would stop it.</summary>
internal sealed class SwitchableFaults : SendFaults
{
    public string? Throw { get; set; }

    /// <summary>Runs at every point, before any injected crash: what happens elsewhere at that moment.</summary>
    public Action<string>? Meanwhile { get; set; }

    public override void At(string point)
    {
        Meanwhile?.Invoke(point);
        if (point == Throw)
        {
            throw new InvalidOperationException("injected crash at " + point);
        }
    }
}
