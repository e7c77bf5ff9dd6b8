using System.Text.Json.Serialization;
using BlogFunctions.Core.Hosting;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>
/// Every JSON body a route declares comes from a generated context: reading a type by reflection
/// emits code for its members when the route table is built, on every cold start, and is what
/// Native AOT cannot do.
/// </summary>
public sealed class GeneratedJsonTests
{
    [Fact]
    public void Every_declared_json_body_has_generated_metadata()
    {
        var reflected = ApiRoutes.All
            .SelectMany(r => r.Request.Concat(r.Responses.Select(a => a.Content)).OfType<Core.Http.ApiContent>()
                .Where(c => c.Body is { OriginatingResolver: not JsonSerializerContext })
                .Select(c => $"{r.Name}: {c.Body!.Type.Name}"))
            .ToList();
        Assert.Empty(reflected);
    }
}
