using BlogFunctions.Core.Web;

namespace BlogFunctions.Tests.Web;

public sealed class ContentCodingTests
{
    [Theory]
    [InlineData(null, "identity")]
    [InlineData("", "identity")]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=0.9, br;q=0.8", "gzip")]
    [InlineData("deflate", "identity")]
    [InlineData("*", "br")]
    [InlineData("*;q=0.5, br;q=0", "gzip")]
    [InlineData("GZIP", "gzip")]
    public void Chooses_the_best_offered_coding(string? header, string expected) =>
        Assert.Equal(expected, ContentCoding.Choose(header));
}
