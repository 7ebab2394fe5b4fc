using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Alerts.Channels.Mqtt;

/// <summary>
/// Publishes the notification JSON on <c>ss/v1/alerts/{audience}/{site}</c> (QoS 1, not retained, content type
/// application/json, the idempotency key as user property <c>idempotency-key</c>). Delivered once the broker's PUBACK
/// arrives. Owns its own clean-session connection, opened on first use and kept (the client reconnects by itself).
/// </summary>
internal sealed class MqttAlertChannel : IAlertChannel, IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly ILogger<MqttAlertChannel> _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private IMqttClient? _client;

    public MqttAlertChannel(IOptions<MqttClientOptions> mqtt, IOptions<AlertsOptions> alerts, ILogger<MqttAlertChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(alerts);
        var clientId = MqttOptionsFactory.WithSuffix(
            string.IsNullOrEmpty(alerts.Value.ClientId) ? MqttOptionsFactory.DefaultClientId("alerts") : alerts.Value.ClientId,
            "pub");
        _options = MqttOptionsFactory.Derive(mqtt.Value, clientId, cleanStart: true, sessionExpirySeconds: 0, receiveMaximum: 10, autoAcknowledge: true);
        _options.DisconnectedPublishPolicy = MqttDisconnectedPublishPolicy.FailFast;
        _logger = logger;
    }

    public string Name => ChannelNames.Mqtt;

    public async Task<DeliveryResult> SendAsync(OutboxItem item, AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var client = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            var result = await client.PublishAsync(
                new MqttApplicationMessage
                {
                    Topic = item.Entry.Target,
                    Payload = Encoding.UTF8.GetBytes(item.Entry.Payload),
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    PayloadIsUtf8 = true,
                    ContentType = "application/json",
                    UserProperties = [new MqttUserProperty("idempotency-key", item.Entry.Key)],
                },
                cancellationToken).ConfigureAwait(false);
            return result.IsSuccess
                ? DeliveryResult.Delivered
                : DeliveryResult.Retry($"broker answered {result.ReasonCode} for {item.Entry.Target}");
        }
        catch (Exception ex) when (ex is MqttException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return DeliveryResult.Retry($"MQTT: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    private async Task<IMqttClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { } existing)
        {
            return existing;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } raced)
            {
                return raced;
            }

            var client = MqttClientFactory.Create(_options, _logger);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.ConnectTimeout * 2);
                await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"could not connect to the broker at {_options.Host}:{_options.Port}");
            }
            catch
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _client = client;
            return client;
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
