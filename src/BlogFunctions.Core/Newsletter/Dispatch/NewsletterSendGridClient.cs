using BlogFunctions.Core.Email;
using Microsoft.Extensions.Options;
using SendGrid;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// The SendGrid client of the newsletter. It has its own HttpClient because its resilience
/// differs from other email: 429 (honouring Retry-After) and 5xx are retried, but a failure
/// after the request left never is, since SendGrid may already have accepted it.
/// </summary>
public sealed class NewsletterSendGridClient(IHttpClientFactory httpClients, IOptionsMonitor<SendGridOptions> options)
{
    public const string HttpClientName = "newsletter-sendgrid";

    public bool Configured => !string.IsNullOrWhiteSpace(options.CurrentValue.ApiKey);

    public ISendGridClient Client
    {
        get
        {
            var current = options.CurrentValue;
            var clientOptions = new SendGridClientOptions { ApiKey = current.ApiKey };
            if (!string.IsNullOrWhiteSpace(current.Host))
            {
                clientOptions.Host = current.Host;
            }
            return new SendGridClient(httpClients.CreateClient(HttpClientName), clientOptions);
        }
    }
}
