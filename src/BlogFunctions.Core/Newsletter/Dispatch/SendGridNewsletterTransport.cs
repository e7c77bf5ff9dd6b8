using System.Globalization;
using BlogFunctions.Core.Email;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// One SendGrid v3 mail-send request per chunk: a personalization per recipient (≤ 1,000) with
/// that recipient's unsubscribe URL substituted into the bodies and put in List-Unsubscribe /
/// List-Unsubscribe-Post (RFC 8058) headers; custom_args {postId, chunk} tie webhook events back.
/// </summary>
public sealed class SendGridNewsletterTransport(NewsletterSendGridClient clients, NewsletterContent content,
    INewsletterUnsubscribeLinks links, IOptionsMonitor<EmailOptions> email) : INewsletterTransport
{
    public const string UnsubscribeToken = "%unsubscribe_url%";

    public async Task<SendResult> SendAsync(NewsletterBatch batch, CancellationToken cancellationToken)
    {
        if (!clients.Configured)
        {
            return new SendResult(SendOutcome.Failed, null, "SendGrid:ApiKey is not set.");
        }
        var body = content.Render(batch.Post, UnsubscribeToken);
        var sender = email.CurrentValue;
        var message = new SendGridMessage
        {
            From = new EmailAddress(sender.From, sender.FromName),
            Subject = body.Subject,
            PlainTextContent = body.Text,
            HtmlContent = body.Html,
            Categories = ["newsletter"],
            CustomArgs = new Dictionary<string, string>
            {
                ["postId"] = batch.Post.RowKey,
                ["chunk"] = batch.Chunk.ToString(CultureInfo.InvariantCulture),
            },
            Personalizations = batch.Recipients.Select(r =>
            {
                var unsubscribe = links.UnsubscribeUrl(r.Email).ToString();
                return new Personalization
                {
                    Tos = [new EmailAddress(r.Email, string.IsNullOrWhiteSpace(r.Name) ? null : r.Name)],
                    Substitutions = new Dictionary<string, string> { [UnsubscribeToken] = unsubscribe },
                    Headers = new Dictionary<string, string>
                    {
                        ["List-Unsubscribe"] = "<" + unsubscribe + ">",
                        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                    },
                };
            }).ToList(),
        };
        try
        {
            var response = await clients.Client.SendEmailAsync(message, cancellationToken);
            var outcome = SendFailures.Classify(response.StatusCode);
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            if (outcome == SendOutcome.Sent)
            {
                return new SendResult(outcome, messageId);
            }
            var detail = await response.Body.ReadAsStringAsync(cancellationToken);
            return new SendResult(outcome, null, $"SendGrid answered {(int)response.StatusCode}: {Truncate(detail, 500)}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendFailures.Classify(e), null, Truncate(e.GetType().Name + ": " + e.Message, 500));
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
