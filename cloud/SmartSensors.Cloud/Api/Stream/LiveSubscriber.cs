using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Observability;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Api.Stream;

/// <summary>
/// Feeds <see cref="StreamHub"/> from the broker: a clean-session QoS 0 subscription (not shared: every API replica sees
/// every reading) to <c>ss/v1/+/+/readings</c> and <c>ss/v1/alerts/+/+</c>. Packs are validated with the contract's
/// decoder before anything is shown; the newest reading per sensor and quantity of a pack becomes one <c>reading</c>
/// event (a replayed backlog is history, not live). Alert notifications become <c>alert</c> events, once per alert
/// version although every audience hears them.
/// </summary>
internal sealed class LiveSubscriber : BackgroundService
{
    private const string ConnectionName = "api-stream";
    private const int RecentAlertVersions = 4096;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StreamHub _hub;
    private readonly MqttClientOptions _mqtt;
    private readonly StreamOptions _options;
    private readonly GatewayPackDecoder _decoder;
    private readonly BrokerConnections _connections;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveSubscriber> _logger;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<(string, int)> _recentAlerts = [];
    private readonly Queue<(string, int)> _recentOrder = new();

    public LiveSubscriber(
        StreamHub hub,
        IOptions<MqttClientOptions> mqtt,
        IOptions<ApiOptions> options,
        IOptions<PackDecoderOptions> decoder,
        BrokerConnections connections,
        TimeProvider clock,
        ILogger<LiveSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(decoder);
        _hub = hub;
        _mqtt = mqtt.Value;
        _options = options.Value.Stream;
        _decoder = new GatewayPackDecoder(decoder.Value, clock);
        _connections = connections;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Completes when the first subscription is in place.</summary>
    public Task Subscribed => _subscribed.Task;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _hub.CloseAll();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        RestartingLoop.RunAsync(
            RunOnceAsync,
            static ex => ex is MqttException or IOException or InvalidOperationException,
            (ex, pause) => ApiLog.StreamFailed(_logger, ex, pause),
            RetryDelay,
            _clock,
            stoppingToken);

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var clientId = string.IsNullOrEmpty(_options.ClientId)
            ? MqttOptionsFactory.WithSuffix(MqttOptionsFactory.DefaultClientId("api"), Guid.NewGuid().ToString("N")[..8])
            : _options.ClientId;
        var options = MqttOptionsFactory.Derive(_mqtt, clientId, cleanStart: true, sessionExpirySeconds: 0, receiveMaximum: 100, autoAcknowledge: true);
        var client = MqttClientFactory.Create(options, _logger);
        await using (client.ConfigureAwait(false))
        {
            _connections.Track(ConnectionName, client);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                string[] filters = [Topics.ReadingsSubscription(), $"{Topics.Prefix}/alerts/+/+"];
                var result = await client.SubscribeAsync(
                    [.. filters.Select(f => new MqttSubscription { TopicFilter = f, MaximumQualityOfService = MqttQualityOfService.AtMostOnce })],
                    cancellationToken).ConfigureAwait(false);
                if (!result.AllGranted)
                {
                    var refusedCode = result.ReasonCodes.First(c => (byte)c >= 0x80);
                    var refused = string.Join(", ", filters);
                    ApiLog.StreamSubscribeRefused(_logger, refused, refusedCode);
                    throw new InvalidOperationException($"The broker refused the live stream subscription to {string.Join(", ", filters)}.");
                }

                var subscribed = string.Join(", ", filters);
                ApiLog.StreamSubscribed(_logger, subscribed, clientId);
                _subscribed.TrySetResult();
                await foreach (var message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    Handle(message.Topic, message.Payload.Span);
                }
            }
            finally
            {
                _connections.Untrack(ConnectionName);
            }
        }
    }

    /// <summary>Turns one MQTT message into live events (internal for tests of the rules).</summary>
    internal void Handle(string topic, ReadOnlySpan<byte> payload)
    {
        if (!Topics.TryParse(topic, out var address, out var reason))
        {
            var shown = topic.Length > 128 ? topic[..128] : topic;
            ApiLog.StreamIgnored(_logger, shown, reason);
            return;
        }

        if (address.Kind == TopicKind.Readings)
        {
            var decoded = _decoder.Decode(topic, payload);
            if (decoded.Pack is not { } pack)
            {
                ApiLog.StreamIgnored(_logger, topic, "the pack was refused by validation");
                return;
            }

            foreach (var reading in pack.Readings
                .GroupBy(r => (r.SensorId, r.Quantity))
                .Select(g => g.MaxBy(r => r.CaptureTime)))
            {
                var data = new LiveReading(pack.Site, pack.Gateway, reading.SensorId, reading.Quantity, reading.Unit, reading.Value, reading.CaptureTime);
                _hub.Publish(new LiveEvent("reading", JsonSerializer.Serialize(data, Json), pack.Site));
            }

            return;
        }

        if (address.Kind == TopicKind.Alerts)
        {
            AlertNotification? notification;
            try
            {
                notification = JsonSerializer.Deserialize(payload, AlertJsonContext.Default.AlertNotification);
            }
            catch (JsonException ex)
            {
                ApiLog.StreamIgnored(_logger, topic, ex.Message);
                return;
            }

            if (notification?.Alert is not { } alert || !Seen(alert.Id, alert.Version))
            {
                return;
            }

            _hub.Publish(new LiveEvent("alert", JsonSerializer.Serialize(alert, AlertJsonContext.Default.AlertMessage), alert.Site));
        }
    }

    // True the first time an alert version is seen (each audience hears the same version; the stream shows it once).
    private bool Seen(string id, int version)
    {
        if (!_recentAlerts.Add((id, version)))
        {
            return false;
        }

        _recentOrder.Enqueue((id, version));
        if (_recentOrder.Count > RecentAlertVersions)
        {
            _recentAlerts.Remove(_recentOrder.Dequeue());
        }

        return true;
    }
}
