using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Preferences;

/// <summary>
/// The preference page and its buttons. The link's token names the subscriber by email hash; a GET
/// only shows (mail scanners fetch links), each POST does one thing: save the cadence, or unsubscribe
/// from the newsletter and drop every followed thread.
/// </summary>
internal sealed class PreferencesHandlers(PreferenceLinks links, SubscriberStore subscribers, SubscriptionService subscriptions,
    IFollowedThreads followed, TimeProvider time)
{
    public const string InvalidLinkCode = "preferences_link_invalid";
    public const string InvalidCadenceCode = "invalid_cadence";
    public const string InvalidActionCode = "invalid_action";

    public async Task<IResult> PageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (links.Verify(token) is not { } hash)
        {
            return PreferencesPage.Invalid(InvalidLinkCode);
        }
        return await ShowAsync(request, hash, token!, null, cancellationToken);
    }

    public async Task<IResult> SaveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await FormBody.ReadAsync(request, cancellationToken: cancellationToken) : null;
        string? token = request.Query["token"];
        token = string.IsNullOrEmpty(token) ? form?["token"] : token;
        if (links.Verify(token) is not { } hash)
        {
            return PreferencesPage.Invalid(InvalidLinkCode);
        }
        switch (form?["action"].ToString())
        {
            case "cadence":
                var cadence = form["cadence"].ToString();
                if (cadence is not (SubscriberCadence.EachPost or SubscriberCadence.Weekly or SubscriberCadence.Paused))
                {
                    return PreferencesPage.Invalid(InvalidCadenceCode);
                }
                var (entity, _) = await subscribers.UpdateAsync(hash, e => Switch(e, cadence), cancellationToken);
                var notice = entity?.Status == SubscriberStatus.Active
                    ? "Saved: " + PreferencesPage.Describe(cadence) + "."
                    : "Nothing to save: this address is not subscribed to new posts.";
                return await ShowAsync(request, hash, token!, notice, cancellationToken);
            case "unsubscribe-all":
                await subscriptions.UnsubscribeAsync(hash, cancellationToken);
                await followed.UnfollowAllAsync(hash, cancellationToken);
                return PreferencesPage.UnsubscribedFromAll();
            default:
                return PreferencesPage.Invalid(InvalidActionCode);
        }
    }

    /// <summary>Sets the cadence of an active subscriber; false (nothing written) when it is already that, or not active.</summary>
    private bool Switch(SubscriberEntity entity, string cadence)
    {
        if (entity.Status != SubscriberStatus.Active || SubscriberCadence.Of(entity.Cadence) == cadence)
        {
            return false;
        }
        var (was, now) = (SubscriberCadence.Of(entity.Cadence), time.GetUtcNow());
        entity.Cadence = cadence == SubscriberCadence.EachPost ? null : cadence;
        if (cadence == SubscriberCadence.Weekly)
        {
            // The first digest lists only posts sent after this moment: earlier ones came by email, or were paused.
            (entity.WeeklySince, entity.WeeklyUntil) = (now, null);
        }
        else if (was == SubscriberCadence.Weekly && cadence == SubscriberCadence.EachPost)
        {
            // Posts sent since WeeklySince reached them by no email: the next digest still lists those.
            entity.WeeklyUntil = now;
        }
        else
        {
            (entity.WeeklySince, entity.WeeklyUntil) = (null, null);
        }
        return true;
    }

    private async Task<IResult> ShowAsync(HttpRequest request, string hash, string token, string? notice, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(hash, cancellationToken);
        var threads = await followed.ForAsync(hash, cancellationToken);
        var action = request.PathBase + request.Path + "?token=" + Uri.EscapeDataString(token);
        return PreferencesPage.Render(action, subscriber, threads, notice);
    }
}
