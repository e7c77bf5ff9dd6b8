using System.Diagnostics;

namespace BlogFunctions.Bench;

/// <summary>Polls a freshly started server until it answers 2xx: the "start-up to first 200" of the SelfHost and its bare baseline.</summary>
internal static class FirstAnswer
{
    /// <summary>Time from <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) to the first 2xx on <paramref name="path"/>.</summary>
    public static async Task<TimeSpan> WaitAsync(Process process, Uri address, string path, long started, TimeSpan limit, string what)
    {
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri(path, UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (process.HasExited || Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new InvalidOperationException($"{what} did not answer 200 within {limit.TotalSeconds:0} s");
            }
            await Task.Delay(10);
        }
    }
}
