using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Composes and sends the confirmation and welcome emails.</summary>
internal sealed class SubscriptionMails(
    EmailTemplates templates,
    TransactionalMailer mailer,
    ConfirmTokens confirmTokens,
    UnsubscribeLinks unsubscribe,
    PreferenceLinks preferences,
    IOptions<SubscriptionOptions> options,
    IOptions<EmailOptions> email,
    IOptions<PublicUrlOptions> urls)
{
    public const string ConfirmationKind = "confirmation";
    public const string WelcomeKind = "welcome";

    public async Task<EmailSendResult> SendConfirmationAsync(SubscriberEntity s, CancellationToken cancellationToken)
    {
        var hours = options.Value.ConfirmValidHours;
        var token = confirmTokens.Create(s.RowKey, TimeSpan.FromHours(hours));
        var url = urls.Value.Api(SubscriptionsApi.ConfirmTemplate + "?token=" + Uri.EscapeDataString(token)).AbsoluteUri;
        var subject = $"Confirm your subscription to {email.Value.FromName}";
        // Nothing the requester typed goes to an address that has not confirmed it (not even the name,
        // nor as the To: display name): the form is public, so it would let anyone mail anything from us.
        var body = await templates.RenderAsync("confirm", subject, new Dictionary<string, object?>
        {
            ["email"] = s.Email,
            ["confirm_url"] = url,
            ["valid_hours"] = hours,
            ["preheader"] = "One click to confirm, and you will get every new post by email.",
        }, reason: "You get this email because this address was entered in the subscribe form.");
        var message = new EmailMessage(subject, body.Html, body.Text, [new EmailRecipient(s.Email, null)]) { Kind = ConfirmationKind };
        return await mailer.SendAsync(message, new DeliveryRecord(ConfirmationKind, null!) { RecipientHash = s.RowKey }, cancellationToken);
    }

    public async Task<EmailSendResult> SendWelcomeAsync(SubscriberEntity s, CancellationToken cancellationToken)
    {
        var subject = $"Welcome to {email.Value.FromName}";
        var url = unsubscribe.UrlForHash(s.RowKey).AbsoluteUri;
        var body = await templates.RenderAsync("welcome", subject, new Dictionary<string, object?>
        {
            ["name"] = s.Name,
            ["preheader"] = "Your subscription is confirmed.",
        }, unsubscribeUrl: url, reason: "You get this email because you confirmed your subscription.",
            preferencesUrl: preferences.UrlForHash(s.RowKey));
        var recipient = new EmailRecipient(s.Email, s.Name) { Headers = unsubscribe.HeadersForHash(s.RowKey) };
        var message = new EmailMessage(subject, body.Html, body.Text, [recipient]) { Kind = WelcomeKind };
        return await mailer.SendAsync(message, new DeliveryRecord(WelcomeKind, null!) { RecipientHash = s.RowKey }, cancellationToken);
    }
}
