using System.Text;
using System.Threading.Channels;

namespace SmartSensors.Cloud.Tests.Api.Infrastructure;

/// <summary>Reads a text/event-stream response into (event, data) pairs and comment lines, as they arrive.</summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<(string Event, string Data)> _events = Channel.CreateUnbounded<(string, string)>();
    private readonly Task _pump;
    private readonly CancellationTokenSource _stop = new();

    private SseReader(HttpResponseMessage response)
    {
        _response = response;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Opens the stream; completes once the response headers arrived.</summary>
    public static async Task<SseReader> OpenAsync(HttpClient client, string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return new SseReader(response);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The next event (comments come as event <c>:comment</c>) matching <paramref name="match"/>, within 30 s.</summary>
    public async Task<(string Event, string Data)> NextAsync(Func<(string Event, string Data), bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} on the stream within 30 s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _pump.ContinueWith(_ => { });
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(body, Encoding.UTF8);
            string? eventType = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (eventType is not null || data.Length > 0)
                    {
                        _events.Writer.TryWrite((eventType ?? "message", data.ToString()));
                    }

                    eventType = null;
                    data.Clear();
                }
                else if (line.StartsWith(':'))
                {
                    _events.Writer.TryWrite((":comment", line[1..].Trim()));
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventType = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line["data:".Length..].TrimStart());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The stream ended.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
