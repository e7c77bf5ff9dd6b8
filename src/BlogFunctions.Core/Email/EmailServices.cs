using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Email;

/// <summary>The email feature's services; its route is in <see cref="EmailApi"/>.</summary>
internal static class EmailServices
{
    /// <summary>
    /// The email plumbing both newsletter halves use: one <see cref="IEmailSender"/> (SendGrid when
    /// SendGrid:ApiKey is set, the dev outbox otherwise: in Development, or where Email:Outbox says so), templates, the delivery log and its handler,
    /// and <see cref="ClaimedSend"/> for every exactly-once batch.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddBlogOptions<EmailOptions>(EmailOptions.Section);
        services.AddBlogOptions<SendGridOptions>(SendGridOptions.Section);
        services.AddOptions<SendGridOptions>()
            .Validate<IHostEnvironment, IOptions<EmailOptions>>(
                (sendGrid, environment, email) => UsesSendGridOrMayUseOutbox(sendGrid, email.Value, environment),
                "SendGrid:ApiKey is empty, so email would only be written to the dev outbox. Set SendGrid:ApiKey, "
                + "or set Email:Outbox=true if the outbox is really what this environment should use.")
            .ValidateOnStart();
        services.AddHttpClient(SendGridEmailSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey)
                ? sp.GetRequiredService<OutboxEmailSender>()
                : sp.GetRequiredService<SendGridEmailSender>());
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<TransactionalMailer>();
        services.AddSingleton<DeliveriesHandler>();
        services.AddSingleton<ClaimedSend>();
        services.TryAddSingleton<SendFaults>();
        services.AddBlogTable(DeliveryEntity.TableName);
        return services;
    }

    /// <summary>The dev outbox is the fallback in Development only, unless Email:Outbox chooses it explicitly.</summary>
    public static bool UsesSendGridOrMayUseOutbox(SendGridOptions sendGrid, EmailOptions email, IHostEnvironment environment) =>
        !string.IsNullOrWhiteSpace(sendGrid.ApiKey) || email.Outbox || environment.IsDevelopment();
}
