using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Retries of one mail-send within a run: only answers that prove the request was not accepted
/// (429 honouring Retry-After, 408, 5xx) and connection failures before anything was sent.
/// A dropped connection or timeout after the request left is never retried here: the chunk
/// becomes uncertain instead.
/// </summary>
internal static class SendRetries
{
    /// <summary>A Retry-After beyond this leaves the chunk for the next run rather than holding the run.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<NewsletterDispatchOptions>>().CurrentValue;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.SendRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.SendRetryDelayMilliseconds)),
            MaxDelay = MaxRetryAfter,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(options.SendRetries > 0 && ShouldRetry(args.Outcome)),
        });
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } e)
        {
            return SendFailures.Classify(e) == SendOutcome.Failed;
        }
        var response = outcome.Result;
        if (response is null || !SendFailures.IsTransient(response.StatusCode))
        {
            return false;
        }
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date - DateTimeOffset.UtcNow);
        return response.StatusCode != HttpStatusCode.TooManyRequests || wait is null || wait <= MaxRetryAfter;
    }
}
