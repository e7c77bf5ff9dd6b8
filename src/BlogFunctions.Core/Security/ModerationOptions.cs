namespace BlogFunctions.Core.Security;

internal sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Bearer keys accepted on moderator routes. Rotate by adding the new key, then removing the old one.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>
    /// Accept an App Service Authentication principal (X-MS-CLIENT-PRINCIPAL) with <see cref="Role"/>.
    /// Only safe where App Service Authentication is enabled, because the platform then strips
    /// that header from client requests; off by default.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    public string Role { get; set; } = "moderator";

    /// <summary>Addresses that get an email about held comments (one digest for those held within a minute).</summary>
    public string[] NotifyEmails { get; set; } = [];

    /// <summary>
    /// Seconds between the first held comment and the moderator digest that reports it: comments
    /// held meanwhile go in the same email. The held comment's queue message becomes visible then.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public int DigestDelaySeconds { get; set; } = 60;
}
