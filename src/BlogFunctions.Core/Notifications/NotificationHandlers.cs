using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Notifications;

/// <summary>The pages behind the links of notification emails: confirm an address, end one subscription or all.</summary>
internal sealed class NotificationHandlers(NotifyLinks links, NotifyStore store, TimeProvider time)
{
    public IResult ConfirmPage(HttpRequest request)
    {
        string? token = request.Query["token"];
        if (links.VerifyConfirm(token) is null)
        {
            return InvalidConfirm();
        }
        // Link scanners fetch GETs: only the button's POST confirms.
        return HtmlPage.Render("Confirm your address",
            HtmlPage.Paragraph("Press the button to get the emails you asked for about comments on this blog.")
            + HtmlPage.Form(request.PathBase + request.Path, "Yes, email me", new Dictionary<string, string> { ["token"] = token! }));
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (links.VerifyConfirm(await request.TokenAsync(cancellationToken)) is not { } hash)
        {
            return InvalidConfirm();
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var address = await store.AddressAsync(hash, cancellationToken);
            if (address is null)
            {
                break; // erased since the link was sent
            }
            if (address.VerifiedAt is not null)
            {
                return HtmlPage.Render("Already confirmed", HtmlPage.Paragraph("This address was already confirmed. Nothing else to do."));
            }
            address.VerifiedAt = time.GetUtcNow();
            address.VerifiedBy = "link";
            address.OptedOutAt = null;
            if (await store.TryReplaceAsync(address, cancellationToken))
            {
                return HtmlPage.Render("Address confirmed", HtmlPage.Paragraph(
                    "Thank you. You will get an email when something you asked about happens; each one has a link to stop them."));
            }
        }
        return HtmlPage.Render("This link no longer applies",
            HtmlPage.Paragraph("Nothing is waiting for this address any more. Ask again with your next comment."), 400);
    }

    public IResult UnsubscribePage(HttpRequest request)
    {
        string? token = request.Query["token"];
        if (links.VerifyUnsubscribe(token) is not { } scope)
        {
            return InvalidUnsubscribe();
        }
        var action = request.PathBase + request.Path + "?token=" + Uri.EscapeDataString(token!);
        return HtmlPage.Render(scope.All ? "Stop all notifications" : "Stop these notifications",
            HtmlPage.Paragraph(scope.All
                ? "Press the button and you will get no more emails about comments on this blog."
                : "Press the button and you will get no more emails about this conversation.")
            + HtmlPage.Form(action, "Unsubscribe", new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
    }

    /// <summary>RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL. 200, never a redirect.</summary>
    public async Task<IResult> UnsubscribeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (links.VerifyUnsubscribe(await request.TokenAsync(cancellationToken)) is not { } scope)
        {
            return InvalidUnsubscribe();
        }
        if (!scope.All)
        {
            await store.UnsubscribeAsync(scope.EmailHash, scope.PostId!, scope.CommentId, cancellationToken);
            return HtmlPage.Render("Unsubscribed", HtmlPage.Paragraph("You will get no more emails about this conversation."));
        }
        await store.OptOutAsync(scope.EmailHash, time.GetUtcNow(), cancellationToken);
        return HtmlPage.Render("Unsubscribed", HtmlPage.Paragraph(
            "You will get no more emails about comments on this blog. Asking again with a comment sends a new confirmation link first."));
    }

    private static IResult InvalidConfirm() => HtmlPage.Render("This link does not work",
        HtmlPage.Paragraph("The confirmation link is incomplete, altered or older than 48 hours. Ask again with your next comment to get a fresh one."), 400);

    private static IResult InvalidUnsubscribe() => HtmlPage.Render("This link does not work",
        HtmlPage.Paragraph("The unsubscribe link is incomplete or altered, so nothing was changed. Use the link from the email itself, untouched."), 400);
}
