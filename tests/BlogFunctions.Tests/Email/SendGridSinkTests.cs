using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Email;

/// <summary>The sink must refuse what SendGrid refuses, or tests against it prove nothing.</summary>
public sealed class SendGridSinkTests : IAsyncLifetime
{
    private SendGridSink _sink = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sink = await SendGridSink.StartAsync();
        _client = new HttpClient { BaseAddress = _sink.BaseAddress };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SendGridSink.ApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _sink.DisposeAsync();
    }

    private static JsonObject Mail(int recipients, int perPersonalization = 1)
    {
        var ps = new JsonArray();
        for (var i = 0; i < recipients; i += perPersonalization)
        {
            var to = new JsonArray();
            for (var j = i; j < Math.Min(recipients, i + perPersonalization); j++)
            {
                to.Add(new JsonObject { ["email"] = $"r{j}@example.com" });
            }
            ps.Add(new JsonObject
            {
                ["to"] = to,
                ["headers"] = new JsonObject { ["List-Unsubscribe"] = $"<http://x/u?t={i}>" },
                ["substitutions"] = new JsonObject { ["-u-"] = $"http://x/u?t={i}" },
                ["custom_args"] = new JsonObject { ["chunk"] = "0" },
            });
        }
        return new JsonObject
        {
            ["personalizations"] = ps,
            ["from"] = new JsonObject { ["email"] = "blog@example.com", ["name"] = "Blog" },
            ["subject"] = "Hello",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text/plain", ["value"] = "Bye: -u-" },
                new JsonObject { ["type"] = "text/html", ["value"] = "<a href=\"-u-\">bye</a>" }),
        };
    }

    private Task<HttpResponseMessage> Send(JsonNode body) =>
        _client.PostAsync("v3/mail/send", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Accepts_a_valid_request_and_records_each_recipient()
    {
        using var response = await Send(Mail(3));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Message-Id"));
        var messages = _sink.Messages;
        Assert.Equal(3, messages.Count);
        Assert.Equal("http://x/u?t=1", messages[1].Text![5..]);
        Assert.Equal("<http://x/u?t=2>", messages[2].Headers["List-Unsubscribe"]);
        Assert.Equal("0", messages[0].CustomArgs["chunk"]);
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>> Invalid() => new()
    {
        { "1001 personalizations", _ => Mail(1001) },
        { "1001 recipients in few personalizations", _ => Mail(1001, perPersonalization: 500) },
        { "no personalization", m => { m["personalizations"] = new JsonArray(); return m; } },
        { "no from", m => { m.Remove("from"); return m; } },
        { "no subject", m => { m.Remove("subject"); return m; } },
        { "no content", m => { m.Remove("content"); return m; } },
        { "html before text", m => { m["content"] = new JsonArray(new JsonObject { ["type"] = "text/html", ["value"] = "x" }, new JsonObject { ["type"] = "text/plain", ["value"] = "x" }); return m; } },
        { "duplicate address", m => { m["personalizations"]![0]!["to"]!.AsArray().Add(new JsonObject { ["email"] = "r1@example.com" }); return m; } },
        { "reserved header", m => { m["headers"] = new JsonObject { ["From"] = "x@example.com" }; return m; } },
        { "line break in header", m => { m["personalizations"]![0]!["headers"] = new JsonObject { ["X-A"] = "a\r\nBcc: y@example.com" }; return m; } },
        { "line break in subject", m => { m["subject"] = "Hi\r\nBcc: y@example.com"; return m; } },
        { "invalid address", m => { m["personalizations"]![0]!["to"] = new JsonArray(new JsonObject { ["email"] = "not-an-address" }); return m; } },
        { "non-string custom arg", m => { m["custom_args"] = new JsonObject { ["n"] = 1 }; return m; } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Refuses_what_SendGrid_refuses(string why, Func<JsonObject, JsonObject> mutate)
    {
        using var response = await Send(mutate(Mail(2)));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Empty(_sink.Requests);
        Assert.NotEmpty(_sink.LastErrors);
    }

    [Fact]
    public async Task Accepts_exactly_1000_recipients()
    {
        using var response = await Send(Mail(1000));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1000, _sink.Messages.Count);
    }

    [Fact]
    public async Task Refuses_a_wrong_key()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "SG.wrong");
        using var response = await Send(Mail(1));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_sink.Requests);
    }

    [Fact]
    public async Task Injects_queued_faults_in_order()
    {
        _sink.Enqueue(SinkFault.RateLimited(TimeSpan.FromSeconds(3)), SinkFault.ServerError, SinkFault.Unavailable,
            SinkFault.DropBeforeAccept, SinkFault.DropAfterAccept);
        using (var r = await Send(Mail(1)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), r.Headers.RetryAfter!.Delta);
            Assert.True(r.Headers.Contains("X-RateLimit-Reset"));
        }
        using (var r = await Send(Mail(1)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        }
        using (var r = await Send(Mail(1)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(Mail(1)));
        Assert.Empty(_sink.Requests);
        await Assert.ThrowsAsync<HttpRequestException>(() => Send(Mail(1)));
        Assert.Single(_sink.Requests); // the client cannot tell, but it went out
        using (var r = await Send(Mail(1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        Assert.Equal(6, _sink.Attempts);
        Assert.Equal(5, _sink.Faulted);
    }

    [Fact]
    public async Task Random_faults_follow_the_probability()
    {
        _sink.FaultProbability = 0.5;
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var r = await Send(Mail(1));
            return r.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.Accepted, results);
        Assert.Contains(results, s => s != HttpStatusCode.Accepted);
        Assert.Equal(results.Count(s => s == HttpStatusCode.Accepted), _sink.Requests.Count);
    }
}
