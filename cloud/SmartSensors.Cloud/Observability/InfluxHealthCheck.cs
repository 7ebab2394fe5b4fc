using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmartSensors.Influx;

namespace SmartSensors.Cloud.Observability;

/// <summary>Ready when InfluxDB answers <c>GET /ping</c> with 2xx within a short timeout.</summary>
internal sealed class InfluxHealthCheck : IHealthCheck
{
    public const string HttpClientName = "influx-ping";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly IHttpClientFactory _httpClients;
    private readonly InfluxConnectionOptions _options;

    public InfluxHealthCheck(IHttpClientFactory httpClients, IOptions<InfluxConnectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var baseAddress = _options.Url!.AbsoluteUri.EndsWith('/') ? _options.Url : new Uri(_options.Url.AbsoluteUri + "/");
        var ping = new Uri(baseAddress, "ping");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var http = _httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(ping, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("InfluxDB answers /ping")
                : HealthCheckResult.Unhealthy($"InfluxDB answered /ping with HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"InfluxDB is unreachable: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"InfluxDB did not answer /ping within {Timeout.TotalSeconds} s");
        }
    }
}
