using System.Net;
using System.Text;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Found by the hostile-input suite: a malformed multipart body made ASP.NET Core throw an
/// IOException, which the pipeline took for a storage outage (503). Broken forms are client errors.
/// </summary>
public abstract class FormFramingTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "api/subscriptions", "multipart/form-data; boundary=x", "{\"email\":\"a@example.com\"}" },
        { "api/subscriptions", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@exa" },
        { "api/subscriptions", "multipart/form-data", "--x\r\n\r\n" },
        { "api/subscriptions", "application/x-www-form-urlencoded", string.Join("&", Enumerable.Range(0, 500).Select(i => $"f{i}=v")) },
        { "api/subscriptions/confirm", "multipart/form-data; boundary=y", "--y\r\nContent-Disposition: form-data; name=\"token\"\r\n" },
        { "api/subscriptions/unsubscribe", "multipart/form-data; boundary=z", "garbage" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Malformed_form_bodies_are_client_errors(string path, string contentType, string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Forwarded-For", TestIds.Ip());
        using var response = await Server.Client.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{status}: {await response.Content.ReadAsStringAsync(ct)}");
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("code").GetString()));
        }
        else
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
    }
}

public sealed class FormFramingTestsOnSelfHost(BlogFixture stack) : FormFramingTests(stack, HostKind.SelfHost);

public sealed class FormFramingTestsOnFunctions(BlogFixture stack) : FormFramingTests(stack, HostKind.Functions);
