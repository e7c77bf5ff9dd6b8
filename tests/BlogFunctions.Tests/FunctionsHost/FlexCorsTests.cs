using System.Net;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// Flex's platform CORS in front of the Functions app, from the origins the Bicep configures (the
/// same list as Cors__AllowedOrigins): a listed origin's preflight passes, any other gets none.
/// </summary>
public sealed class FlexCorsTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"api/posts/{TestIds.Post()}/comments");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await stack.Functions.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_passes()
    {
        using var response = await PreflightAsync(BlogServer.AllowedOrigin);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(BlogServer.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_preflight_from_any_other_origin_gets_no_allow_origin()
    {
        using var response = await PreflightAsync("https://evil.example");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_cross_origin_read_carries_one_allow_origin_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/posts/{TestIds.Post()}/comments");
        request.Headers.Add("Origin", BlogServer.AllowedOrigin);
        using var response = await stack.Functions.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BlogServer.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
