using BlogFunctions.Core.Moderation.Digest;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Tests.ModeratorEmail;

public sealed class ModeratorRecipientsTests
{
    public static TheoryData<string[], string[]> Cases() => new()
    {
        { [], [] },
        { ["mod@example.com"], ["mod@example.com"] },
        { [" mod@example.com "], ["mod@example.com"] },
        { ["Mod@Example.com", "mod@example.com"], ["Mod@Example.com"] },
        { ["", "   ", "no-at-sign", "@example.com", "mod@", "a@b@c"], [] },
        { ["two words@example.com", "x@example.com, y@example.com", "<mod@example.com>", "mod@exam\nple.com"], [] },
        { ["a@example.com", "b@example.com"], ["a@example.com", "b@example.com"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NotifyEmails_are_trimmed_deduplicated_and_filtered(string[] configured, string[] expected) =>
        Assert.Equal(expected, ModeratorRecipients.From(new ModerationOptions { NotifyEmails = configured }));

    [Fact]
    public void A_long_list_is_capped_at_one_send()
    {
        var many = Enumerable.Range(0, 2000).Select(i => $"m{i}@example.com").ToArray();
        Assert.Equal(Core.Email.IEmailSender.MaxRecipientsPerMessage, ModeratorRecipients.From(new ModerationOptions { NotifyEmails = many }).Count);
    }
}
