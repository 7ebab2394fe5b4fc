using System.Net.Http.Json;
using System.Text.Json;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>Asks the host's HTTP API directly (to wait for data to land before a page shows it).</summary>
internal static class Api
{
    public static HttpClient Client(Uri baseAddress, string? key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>Re-asks <paramref name="path"/> every 250 ms until <paramref name="condition"/> holds on its JSON
    /// (data arriving in another process has no event to await), failing after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> UntilAsync(HttpClient client, string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = "(no answer)";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path, deadline.Token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}";
                if (response.IsSuccessStatusCode)
                {
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
                    if (condition(json))
                    {
                        return json;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"GET {path} did not reach the expected state within {timeout.TotalSeconds} s; last answer: {last}");
            }
        }
    }
}
