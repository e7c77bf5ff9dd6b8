namespace BlogFunctions.Core.Newsletter.Subscribers;

internal sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>How long a confirmation link works.</summary>
    public int ConfirmValidHours { get; set; } = 48;

    /// <summary>A repeat subscribe within this many minutes of the last confirmation email sends nothing new.</summary>
    public int ResendAfterMinutes { get; set; } = 10;

    /// <summary>Subscribe requests allowed per (hashed) client IP per window; 0 turns the limit off.</summary>
    public int RateLimitCount { get; set; } = 10;

    public int RateLimitWindowMinutes { get; set; } = 60;

    /// <summary>Version of the consent wording shown next to your form, stored as evidence when the form does not send its own.</summary>
    public string ConsentWording { get; set; } = "v1";
}
