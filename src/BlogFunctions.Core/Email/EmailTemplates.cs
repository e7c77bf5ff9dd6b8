using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Email;

/// <summary>HTML and plain-text bodies of an email.</summary>
internal sealed record RenderedEmail(string Html, string Text);

/// <summary>
/// Renders the Liquid templates embedded under Email/Templates (<c>name.html.liquid</c> and
/// <c>name.txt.liquid</c>) inside the shared layout with its footer: why you get this, the
/// unsubscribe link and <see cref="EmailOptions.PostalAddress"/>. HTML output is encoded by Fluid,
/// so values from users (names, comments) cannot inject markup.
/// Model values: strings, numbers, bools, lists and dictionaries of those.
/// </summary>
internal sealed class EmailTemplates(IOptions<EmailOptions> options)
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);
    private static readonly TemplateOptions TemplateOptions = new();

    /// <param name="name">confirm, welcome, newsletter, digest, moderation.</param>
    /// <param name="subject">The email's subject (the HTML title).</param>
    /// <param name="model">The template's values.</param>
    /// <param name="unsubscribeUrl">Shown in the footer when given: an URL, or a substitution placeholder the sender replaces per recipient.</param>
    /// <param name="reason">One footer sentence saying why the reader gets this email.</param>
    /// <param name="preferencesUrl">Shown in the footer when given, like <paramref name="unsubscribeUrl"/>: the reader's preference page.</param>
    public async Task<RenderedEmail> RenderAsync(string name, string subject, IReadOnlyDictionary<string, object?> model,
        string? unsubscribeUrl = null, string? reason = null, string? preferencesUrl = null)
    {
        var footer = new Footer(unsubscribeUrl ?? "", reason ?? "", preferencesUrl ?? "");
        var html = await RenderOne(name + ".html", subject, model, footer, HtmlEncoder.Default);
        var text = await RenderOne(name + ".txt", subject, model, footer, NullEncoder.Default);
        return new RenderedEmail(html, text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n");
    }

    private sealed record Footer(string UnsubscribeUrl, string Reason, string PreferencesUrl);

    private async Task<string> RenderOne(string name, string subject, IReadOnlyDictionary<string, object?> model,
        Footer footer, TextEncoder encoder)
    {
        var context = new TemplateContext(TemplateOptions);
        context.SetValue("sender_name", options.Value.FromName);
        context.SetValue("postal_address", options.Value.PostalAddress);
        foreach (var (key, value) in model)
        {
            context.SetValue(key, FluidValue.Create(value, TemplateOptions));
        }
        var body = await Template(name).RenderAsync(context, encoder);

        var layout = new TemplateContext(TemplateOptions);
        layout.SetValue("subject", subject);
        layout.SetValue("preheader", model.TryGetValue("preheader", out var p) ? p as string ?? "" : "");
        layout.SetValue("sender_name", options.Value.FromName);
        layout.SetValue("postal_address", options.Value.PostalAddress);
        layout.SetValue("unsubscribe_url", footer.UnsubscribeUrl);
        layout.SetValue("preferences_url", footer.PreferencesUrl);
        layout.SetValue("reason", footer.Reason);
        layout.SetValue("body", body.Trim());
        return await Template("_layout" + name[name.LastIndexOf('.')..]).RenderAsync(layout, encoder);
    }

    private static IFluidTemplate Template(string name) => Cache.GetOrAdd(name, static n =>
    {
        var resource = $"BlogFunctions.Email.{n}.liquid";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Email template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {n} does not parse: {error}");
    });
}
