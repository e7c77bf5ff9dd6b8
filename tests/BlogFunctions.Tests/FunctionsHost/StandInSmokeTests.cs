using System.Net;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.FunctionsHost;

public sealed class StandInSmokeTests(BlogFixture stack)
{
    [Fact]
    public async Task Health_answers_through_the_worker()
    {
        HttpResponseMessage response;
        try
        {
            response = await stack.Functions.Client.GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(stack.Functions.Diagnostics, e);
        }
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {body}\n{stack.Functions.Diagnostics}");
    }
}
