using System.Net.Mail;
using BlogFunctions.Core.Email;

namespace BlogFunctions.Tests.Email;

/// <summary>
/// Issue #18: <see cref="HeaderSafe"/> against the mail libraries. Our header values go into SendGrid's
/// JSON (and the dev outbox), not into MIME we write, so what is needed is a clean one-line value, not
/// an encoder. System.Net.Mail (in the box) is checked here; MimeKit, not referenced, was checked once
/// by hand (4.18.2): its Header.Unfold and Subject setter only drop CR and LF, gluing "line\r\nBcc" into
/// "lineBcc", and keep NUL, tab, ESC, DEL, U+2028 and double spaces, which it then encodes into the header.
/// </summary>
public sealed class HeaderSafeVsLibrariesTests
{
    private const string Same = "=";
    private const string Throws = "throws";

    public static TheoryData<string, string, string> Values => new()
    {
        // value, HeaderSafe.Clean, MailMessage.Subject
        { "plain value", "plain value", Same },
        { "Zoë Müller", "Zoë Müller", Same },
        { "日本語の件名", "日本語の件名", Same },
        { "emoji 🎉 subject", "emoji 🎉 subject", Same },
        { "quote \"name\" <x@y>", "quote \"name\" <x@y>", Same },
        { new string('x', 2000), new string('x', 2000), Same },
        // A line break would start a new header: MailMessage refuses the whole value, we keep the words apart.
        { "line\r\nBcc: x@y", "line Bcc: x@y", Throws },
        { "line\nBcc: x@y", "line Bcc: x@y", Throws },
        { "line\rBcc: x@y", "line Bcc: x@y", Throws },
        { "folded\r\n continued", "folded continued", Throws },
        { "\r\n", "", Throws },
        // Other control and separator characters: MailMessage lets them through to the header.
        { "nul\0here", "nul here", "nul\0here" },
        { "tab\there", "tab here", "tab\there" },
        { "bell\u0007here", "bell here", "bell\u0007here" },
        { "esc\u001b[31mred", "esc [31mred", "esc\u001b[31mred" },
        { "del\u007fhere", "del here", "del\u007fhere" },
        { "nel\u0085here", "nel here", "nel\u0085here" },
        { "sep\u2028here", "sep here", "sep\u2028here" },
        { "para\u2029here", "para here", "para\u2029here" },
        { "nbsp\u00a0here", "nbsp here", "nbsp\u00a0here" },
        { "two  spaces", "two spaces", "two  spaces" },
        { " leading", "leading", " leading" },
        // An encoded word is text to us; MailMessage decodes it.
        { "=?utf-8?B?QmNjOiB4QHk=?=", "=?utf-8?B?QmNjOiB4QHk=?=", "Bcc: x@y" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void HeaderSafe_and_System_Net_Mail_clean_each_value_as_the_row_says(string value, string ours, string netMail)
    {
        Assert.Equal(ours, HeaderSafe.Clean(value));
        Assert.Equal(netMail == Same ? ours : netMail, Subject(value));
    }

    [Theory]
    [InlineData("reader@example.com", true)]
    [InlineData("ü@example.com", true)]
    [InlineData("a\r\nBcc: x@y.example", false)]
    [InlineData("x@y.example\nBcc: z@w.example", false)]
    [InlineData("nul\0@example.com", false)]
    public void HeaderSafe_Address_refuses_what_MailAddress_refuses(string email, bool accepted)
    {
        Assert.Equal(accepted, Accepts(() => HeaderSafe.Address(email)));
        Assert.Equal(accepted, Accepts(() => new MailAddress(email)));
    }

    private static string Subject(string value)
    {
        try
        {
            using var message = new MailMessage { Subject = value };
            return message.Subject;
        }
        catch (ArgumentException)
        {
            return Throws;
        }
    }

    private static bool Accepts(Func<object> make)
    {
        try
        {
            _ = make();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return false;
        }
    }
}
