namespace BlogFunctions.Core.Email;

internal sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "newsletter@example.com";

    public string FromName { get; set; } = "BlogFunctions";

    /// <summary>Sender's postal address, printed in every email footer (required by anti-spam laws).</summary>
    public string PostalAddress { get; set; } = "";

    /// <summary>
    /// Outside Development an empty SendGrid:ApiKey stops the start-up, so a deployment cannot
    /// silently write its email to files. True accepts the dev outbox there too (tests, benchmarks,
    /// a demo on a server). Ignored when an API key is set: then SendGrid sends.
    /// </summary>
    public bool Outbox { get; set; }

    /// <summary>Folder of the dev outbox (used when SendGrid:ApiKey is empty); relative to the content root.</summary>
    public string OutboxPath { get; set; } = ".outbox";
}
