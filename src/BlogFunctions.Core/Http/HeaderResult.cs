namespace BlogFunctions.Core.Http;

/// <summary>A result with one header added: Location on a 201/202, Retry-After on a 503, WWW-Authenticate on a 401.</summary>
internal static class HeaderResult
{
    public static IResult WithHeader(this IResult result, string name, string value) => new WithOneHeader(result, name, value);

    private sealed class WithOneHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
