using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SmartSensors.Influx.LineProtocol;

namespace SmartSensors.Influx.Write;

/// <summary>Sends one line-protocol payload and classifies InfluxDB's answer. No retrying here.</summary>
internal sealed class InfluxWriteSender : IDisposable
{
    private const int MaxMessageLength = 2_048;
    private static readonly MediaTypeHeaderValue TextPlain = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    // Messages of a 400 that are about the lines themselves (so splitting the batch isolates them), as
    // InfluxDB 1.x ("unable to parse", "partial write: field type conflict", "points beyond retention policy",
    // "invalid field name", "invalid tag key") and 2.x/3.x ("partial write error", "failed to parse line") word them.
    private static readonly string[] LineErrorMarkers =
    [
        "unable to parse", "partial write", "field type conflict", "beyond retention", "invalid field", "invalid tag",
        "failed to parse", "parse error", "max-values-per-tag", "max-series-per-database",
    ];

    private readonly InfluxHttpConnection _connection;
    private readonly Uri _writeUri;
    private readonly bool _gzip;
    private readonly MemoryStream _compressed = new();

    public InfluxWriteSender(InfluxHttpConnection connection, InfluxWriterOptions options)
    {
        _connection = connection;
        _gzip = options.Gzip;
        _writeUri = connection.WriteUri(options.Precision.ToV1QueryValue(), options.Precision.ToV2QueryValue());
    }

    public Uri WriteUri => _writeUri;

    public async Task<SendResult> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken stopping)
    {
        ReadOnlyMemory<byte> body = payload;
        if (_gzip)
        {
            _compressed.SetLength(0);
            using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload.Span);
            }

            body = _compressed.GetBuffer().AsMemory(0, (int)_compressed.Length);
        }

        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = TextPlain;
        if (_gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri) { Content = content };
        request.Headers.Authorization = _connection.Authorization;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_connection.Options.RequestTimeout);
        try
        {
            using HttpResponseMessage response = await _connection.Client
                .SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Success(status);
            }

            string message = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
            return Classify(response.StatusCode, message, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new SendResult(SendResultKind.Transient, 0,
                $"no answer within {_connection.Options.RequestTimeout.TotalSeconds:0.###} s (Influx:RequestTimeout)", null);
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendResultKind.Transient, 0, ex.InnerException?.Message ?? ex.Message, null);
        }
    }

    public static SendResult Classify(HttpStatusCode statusCode, string message, TimeSpan? retryAfter)
    {
        int status = (int)statusCode;
        if (status is 400 or 422)
        {
            bool aboutLines = LineErrorMarkers.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase));
            return new SendResult(aboutLines ? SendResultKind.LinesRejected : SendResultKind.Configuration, status, message, null);
        }

        if (status == 413)
        {
            return new SendResult(SendResultKind.LinesRejected, status, string.IsNullOrEmpty(message) ? "request body too large" : message, null);
        }

        if (status is 408 or 429 || status >= 500)
        {
            return new SendResult(SendResultKind.Transient, status, message, retryAfter);
        }

        return new SendResult(SendResultKind.Configuration, status, message, retryAfter);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retry?.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string message = ErrorMessage(body);
        if (message.Length == 0)
        {
            message = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        return message.Length > MaxMessageLength ? string.Concat(message.AsSpan(0, MaxMessageLength), "…") : message;
    }

    /// <summary>InfluxDB's own message: <c>{"error":"…"}</c> (1.x) or <c>{"code":…,"message":"…"}</c> (2.x/3.x), else the body.</summary>
    internal static string ErrorMessage(string body)
    {
        string trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
                    {
                        return error.GetString() ?? string.Empty;
                    }

                    if (document.RootElement.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString() ?? string.Empty;
                    }
                }
            }
            catch (JsonException)
            {
                // not JSON after all: use the text
            }
        }

        return trimmed;
    }

    public void Dispose() => _compressed.Dispose();
}
