namespace BlogFunctions.Core.Http;

/// <summary>A JSON answer with a Location header (201, 202), written through a generated context like every other.</summary>
internal static class LocatedResult
{
    public static IResult WithLocation(this IResult result, string location) => new Located(result, location);

    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
