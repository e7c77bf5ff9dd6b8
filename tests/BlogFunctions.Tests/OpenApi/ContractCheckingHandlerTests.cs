using System.Net;
using System.Text;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>The checker in the test clients fails a test on a response that drifts from the document.</summary>
public sealed class ContractCheckingHandlerTests
{
    [Theory]
    [InlineData("api/health", 200, "application/json", """{"status":"ok"}""", true)]
    [InlineData("api/health", 200, "application/json", """{"status":"ok","extra":1}""", false)]
    [InlineData("api/health", 200, "application/json", """{}""", false)]
    [InlineData("api/health", 201, "application/json", """{"status":"ok"}""", false)]
    [InlineData("api/health", 200, "text/plain", "ok", false)]
    [InlineData("api/comment-counts?postId=a", 400, "application/problem+json",
        """{"type":"t","title":"x","status":400,"code":"invalid_post_ids","field":"postId"}""", true)]
    [InlineData("api/comment-counts?postId=a", 400, "application/problem+json",
        """{"type":"t","title":"x","status":400,"code":"comment_not_found"}""", false)]
    [InlineData("api/embed/comments.js", 304, null, "", true)]
    [InlineData("api/embed/comments.js", 200, "text/css", "p{}", false)]
    [InlineData("api/no/such/route", 404, "application/problem+json",
        """{"type":"t","title":"x","status":404,"code":"route_not_found"}""", true)]
    public async Task A_response_passes_only_when_the_document_allows_it(string path, int status, string? mediaType, string body, bool passes)
    {
        using var client = ContractCheckingHandler.Client(new Uri("http://contract.test/"), new Canned(status, mediaType, body));
        var send = client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        if (passes)
        {
            using var response = await send;
            Assert.Equal(status, (int)response.StatusCode);
        }
        else
        {
            await Assert.ThrowsAsync<ContractDriftException>(() => send);
        }
    }

    private sealed class Canned(int status, string? mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = mediaType is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, mediaType),
            });
    }
}
