using Microsoft.Extensions.Options;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Subscribe (JSON or a plain HTML form), confirm and unsubscribe, with pages for people.</summary>
internal sealed class SubscriptionHandlers(
    SubscriptionService service,
    SubscribeRateLimiter limiter,
    ConfirmTokens confirmTokens,
    UnsubscribeLinks unsubscribe,
    Signer signer,
    IOptions<CorsOptions> cors)
{
    public const string AcceptedMessage =
        "Thank you. If this address can receive email, a confirmation link is on its way: open it to start your subscription.";

    public async Task<IResult> SubscribeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var html = HtmlPage.WantsHtml(request);
        try
        {
            var input = await SubscribeInput.ReadAsync(request, cancellationToken);
            var ip = ClientIp.Resolve(request);
            await limiter.CheckAsync(signer.Hash(SubscriptionService.IpHashPurpose, ip), cancellationToken);
            await service.SubscribeAsync(input, ip, cancellationToken);
        }
        catch (DomainException e) when (html)
        {
            // The rate limiter's refusal: the same page, status and words as an input error.
            return ErrorPage(request, Problems.ToProblem(e));
        }
        catch (ProblemException e) when (html)
        {
            return ErrorPage(request, e);
        }
        if (html)
        {
            return HtmlPage.Render("Check your inbox", HtmlPage.Paragraph(AcceptedMessage)
                + HtmlPage.Paragraph("Nothing arrived? Look in the spam folder, or try again in ten minutes.", muted: true), 202);
        }
        return Results.Json(new SubscribeAccepted("accepted", AcceptedMessage), SubscriberAnswersJson.Default.SubscribeAccepted, statusCode: 202);
    }

    /// <summary>A person posting the plain HTML form gets a page, not problem+json.</summary>
    private static IResult ErrorPage(HttpRequest request, ProblemException e)
    {
        var back = request.Headers.Referer.ToString();
        var link = Uri.TryCreate(back, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? $"<p><a href=\"{HtmlPage.Encode(u.AbsoluteUri)}\">Back to the form</a></p>" : "";
        return HtmlPage.Render("That did not work", HtmlPage.Paragraph(e.Detail ?? e.Title) + link, e.Status);
    }

    public IResult ConfirmPage(HttpRequest request)
    {
        string? token = request.Query["token"];
        if (confirmTokens.Verify(token) is null)
        {
            return InvalidConfirm();
        }
        // Link scanners fetch GETs: only the button's POST confirms.
        return HtmlPage.Render("Confirm your subscription",
            HtmlPage.Paragraph("Press the button to start getting new posts by email.")
            + HtmlPage.Form(request.PathBase + request.Path, "Confirm my subscription",
                new Dictionary<string, string> { ["token"] = token! }));
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = await request.TokenAsync(cancellationToken);
        if (confirmTokens.Verify(token) is not { } hash)
        {
            return InvalidConfirm();
        }
        var (result, source) = await service.ConfirmAsync(hash, cancellationToken);
        var back = BlogLink.For(source, cors.Value.AllowedOrigins) is { } blog
            ? $"<p><a href=\"{HtmlPage.Encode(blog.AbsoluteUri)}\">Back to the blog</a></p>" : "";
        return result switch
        {
            ConfirmResult.Confirmed => HtmlPage.Render("You are subscribed",
                HtmlPage.Paragraph("Thank you for confirming. New posts will arrive by email; each one has an unsubscribe link.") + back),
            ConfirmResult.AlreadyConfirmed => HtmlPage.Render("Already confirmed",
                HtmlPage.Paragraph("This subscription was already confirmed. Nothing else to do.") + back),
            _ => HtmlPage.Render("This link no longer applies",
                HtmlPage.Paragraph("This subscription was cancelled or cannot receive email. To subscribe again, use the form on the blog."), 400),
        };
    }

    public IResult UnsubscribePage(HttpRequest request)
    {
        string? token = request.Query["token"];
        if (unsubscribe.Verify(token) is null)
        {
            return InvalidUnsubscribe();
        }
        var action = request.PathBase + request.Path + "?token=" + Uri.EscapeDataString(token!);
        return HtmlPage.Render("Unsubscribe",
            HtmlPage.Paragraph("Press the button and you will get no more emails about new posts.")
            + HtmlPage.Form(action, "Unsubscribe", new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
    }

    /// <summary>RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL. 200, never a redirect.</summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = await request.TokenAsync(cancellationToken);
        if (unsubscribe.Verify(token) is not { } hash)
        {
            return InvalidUnsubscribe();
        }
        await service.UnsubscribeAsync(hash, cancellationToken);
        return HtmlPage.Render("You are unsubscribed",
            HtmlPage.Paragraph("You will get no more emails about new posts. Changed your mind? Subscribe again on the blog at any time."));
    }

    private static IResult InvalidConfirm() => HtmlPage.Render("This link does not work",
        HtmlPage.Paragraph("The confirmation link is incomplete, altered or older than 48 hours. Subscribe again on the blog to get a fresh one."), 400);

    private static IResult InvalidUnsubscribe() => HtmlPage.Render("This link does not work",
        HtmlPage.Paragraph("The unsubscribe link is incomplete or altered, so nothing was changed. Use the link from the email itself, untouched."), 400);
}

internal sealed record SubscribeAccepted(string Status, string Message);
