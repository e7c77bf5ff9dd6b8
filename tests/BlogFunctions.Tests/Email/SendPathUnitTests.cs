using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Tests.Email;

/// <summary>The newsletter's faster per-recipient helpers give exactly what the general ones give.</summary>
public sealed class SendPathUnitTests
{
    private static readonly Signer Signer = new(Options.Create(new SecurityOptions { SigningKey = new string('k', 40) }));

    [Fact]
    public void A_batch_signer_makes_the_same_tokens_as_the_signer_and_they_verify()
    {
        using var batch = Signer.ForBatch(UnsubscribeLinks.Purpose);
        foreach (var payload in new[] { "abc", "ZmFrZS1oYXNo_x-y", "é ü", new string('x', 300) })
        {
            var token = batch.Sign(payload);
            Assert.Equal(Signer.Sign(UnsubscribeLinks.Purpose, payload), token);
            Assert.Equal(payload, Signer.Verify(UnsubscribeLinks.Purpose, token));
            Assert.Null(Signer.Verify("other-purpose", token));
        }
    }

    [Fact]
    public void The_unsubscribe_url_string_equals_the_uri_built_the_general_way()
    {
        var links = new UnsubscribeLinks(Signer, new SubscriberKeys(Signer),
            Options.Create(new PublicUrlOptions { PublicBaseUrl = "https://Blog.Example:443/" }));
        using var batch = links.CreateBatchSigner();
        var hash = Signer.Hash("email", "reader@example.com");
        Assert.Equal(links.UrlForHash(hash).AbsoluteUri, links.UrlStringForHash(hash, batch));
    }

    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("<https://x/u?token=a.b>", "<https://x/u?token=a.b>")]
    [InlineData(" leading", "leading")]
    [InlineData("trailing ", "trailing")]
    [InlineData("two  spaces", "two spaces")]
    [InlineData("line\r\nBcc: x@y", "line Bcc: x@y")]
    [InlineData("tab\there", "tab here")]
    [InlineData("nbsp\u00a0here", "nbsp here")]
    [InlineData("sep\u2028here", "sep here")]
    [InlineData("nul\0here", "nul here")]
    [InlineData("\r\n", "")]
    public void Header_values_are_cleaned_whether_or_not_they_need_it(string value, string expected) =>
        Assert.Equal(expected, HeaderSafe.Clean(value));
}
