namespace BlogFunctions.Core.Email;

internal sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>When empty, email goes to the dev outbox (.outbox/) instead of SendGrid.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Overrides https://api.sendgrid.com (tests point it at a local sink).</summary>
    public string? Host { get; set; }

    /// <summary>Public key (base64 DER) of the signed event webhook.</summary>
    public string WebhookPublicKey { get; set; } = "";
}
