using BlogFunctions.Core.Email;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Tests.Email;

/// <summary>Outside Development, email only goes to the dev outbox when Email:Outbox says so.</summary>
public sealed class OutboxSafetyTests(BlogFixture fixture)
{
    [Theory]
    [InlineData("Production", "", false, false)]
    [InlineData("Production", "  ", false, false)]
    [InlineData("Staging", "", false, false)]
    [InlineData("Production", "", true, true)]
    [InlineData("Production", "SG.key", false, true)]
    [InlineData("Development", "", false, true)]
    public void The_outbox_is_a_fallback_in_Development_only(string environment, string apiKey, bool outbox, bool allowed) =>
        Assert.Equal(allowed, EmailServices.UsesSendGridOrMayUseOutbox(
            new SendGridOptions { ApiKey = apiKey }, new EmailOptions { Outbox = outbox }, new Env(environment)));

    [Fact]
    public async Task A_server_outside_Development_without_key_or_explicit_outbox_refuses_to_start()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.StartServerAsync(
            new Dictionary<string, string?> { ["Email:Outbox"] = "false" }));
        Assert.Contains("Email:Outbox", refused.Message, StringComparison.Ordinal);
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
