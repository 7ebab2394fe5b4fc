using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Observability;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Alerts.Evaluation;

/// <summary>
/// The alerts role's own MQTT subscription: a persistent session (clean start off, session expiry set), not shared,
/// subscribed to the readings and status topics of its sites (<c>Alerts:Sites</c>; default every site). Each message
/// is evaluated, and acknowledged only after the alert changes it caused are committed — a crash before that leaves
/// it with the broker, which redelivers it; evaluation is idempotent (one open alert per rule and subject).
/// Messages that do not decode are acknowledged and skipped (the ingest role dead-letters them).
/// Unless <c>Alerts:DeviceHealth:BrokerDrops</c> is false it also subscribes to the broker's
/// <c>$SYS/broker/publish/messages/dropped</c> counter (rule <c>broker-dropped</c>); a broker that refuses that
/// subscription is logged once and otherwise ignored.
/// </summary>
internal sealed class AlertSubscriber : BackgroundService
{
    private const string ConnectionName = "alerts";

    /// <summary>Mosquitto's running total of messages it dropped (published every <c>sys_interval</c>, retained).</summary>
    public const string BrokerDroppedTopic = "$SYS/broker/publish/messages/dropped";

    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private readonly AlertEvaluator _evaluator;
    private readonly AlertsOptions _options;
    private readonly bool _brokerDrops;
    private readonly MqttClientOptions _mqtt;
    private readonly GatewayPackDecoder _decoder;
    private readonly BrokerConnections _connections;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<AlertSubscriber> _logger;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _brokerDropsRefusedLogged;

    public AlertSubscriber(
        AlertEvaluator evaluator,
        IOptions<AlertsOptions> options,
        IOptions<MqttClientOptions> mqtt,
        IOptions<PackDecoderOptions> decoderOptions,
        IOptions<DeviceHealthOptions> health,
        BrokerConnections connections,
        TimeProvider clock,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(decoderOptions);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _evaluator = evaluator;
        _options = options.Value;
        _brokerDrops = health.Value.BrokerDrops;
        _mqtt = mqtt.Value;
        _decoder = new GatewayPackDecoder(decoderOptions.Value, clock);
        _connections = connections;
        _clock = clock;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<AlertSubscriber>();
    }

    /// <summary>Completes once the subscriptions are in place.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>The topic filters for the configured sites.</summary>
    public static IReadOnlyList<string> Filters(IList<string> sites) =>
        sites.Count == 0
            ? [Topics.ReadingsSubscription(), Topics.StatusSubscription()]
            : [.. sites.SelectMany(site => new[] { Topics.SiteReadingsSubscription(site), $"ss/v1/{site}/+/status" })];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RestartingLoop.RunAsync(
            RunAsync,
            static ex => ex is MqttException or IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException,
            (ex, pause) => AlertsLog.SubscriberFailed(_logger, ex, pause),
            RestartDelay,
            _clock,
            stoppingToken).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var clientId = string.IsNullOrEmpty(_options.ClientId) ? MqttOptionsFactory.DefaultClientId(ConnectionName) : _options.ClientId;
        var options = MqttOptionsFactory.Derive(
            _mqtt,
            clientId,
            cleanStart: false,
            sessionExpirySeconds: (uint)_options.SessionExpirySeconds,
            receiveMaximum: _options.ReceiveMaximum,
            autoAcknowledge: false);
        var client = MqttClientFactory.Create(options, _loggerFactory.CreateLogger("SmartSensors.Cloud.Alerts.Mqtt"));
        await using var scope = client.ConfigureAwait(false);
        _connections.Track(ConnectionName, client);
        try
        {
            var connected = await client.ConnectAsync(stoppingToken).ConfigureAwait(false);
            var filters = Filters(_options.Sites);
            var described = string.Join(", ", filters);
            var result = await client.SubscribeAsync(
                [.. filters.Select(f => new MqttSubscription { TopicFilter = f, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce })],
                stoppingToken).ConfigureAwait(false);
            if (!result.AllGranted)
            {
                var refused = result.ReasonCodes.FirstOrDefault(c => (byte)c >= 0x80);
                AlertsLog.SubscribeRefused(_logger, described, refused);
                throw new InvalidOperationException($"The broker refused an alerts subscription ({described}).");
            }

            if (_brokerDrops)
            {
                await SubscribeBrokerDropsAsync(client, stoppingToken).ConfigureAwait(false);
            }

            AlertsLog.Subscribed(_logger, described, clientId, connected.SessionPresent);
            _subscribed.TrySetResult();
            await foreach (var message in client.Messages.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Evaluate(message);
                await message.AckAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _connections.Untrack(ConnectionName);
            if (client.State == MqttConnectionState.Connected)
            {
                using var disconnect = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await client.DisconnectAsync(disconnect.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is MqttException or IOException or OperationCanceledException)
                {
                    // The broker keeps the session either way.
                }
            }
        }
    }

    /// <summary>Subscribes to the broker's dropped counter on its own, so a broker that denies <c>$SYS</c> to this
    /// account refuses only that (logged once) and the readings subscription carries on.</summary>
    private async Task SubscribeBrokerDropsAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var result = await client.SubscribeAsync(
            [new MqttSubscription { TopicFilter = BrokerDroppedTopic, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }],
            cancellationToken).ConfigureAwait(false);
        if (!result.AllGranted && !_brokerDropsRefusedLogged)
        {
            _brokerDropsRefusedLogged = true;
            AlertsLog.BrokerDropsRefused(_logger, BrokerDroppedTopic, result.ReasonCodes.FirstOrDefault(c => (byte)c >= 0x80));
        }
    }

    private void Evaluate(MqttReceivedMessage message)
    {
        if (string.Equals(message.Topic, BrokerDroppedTopic, StringComparison.Ordinal))
        {
            if (!_brokerDrops)
            {
                return; // switched off, but the persistent session may still hold the subscription
            }

            if (long.TryParse(message.Payload.Span, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                _evaluator.OnBrokerDropped(total);
            }
            else
            {
                AlertsLog.NotEvaluated(_logger, message.Topic, "not a decimal counter");
            }

            return;
        }

        if (!Topics.TryParse(message.Topic, out var address, out var reason))
        {
            var shown = message.Topic.Length > 128 ? message.Topic[..128] : message.Topic;
            AlertsLog.NotEvaluated(_logger, shown, reason);
            return;
        }

        if (address.Kind == TopicKind.Readings)
        {
            var decoded = _decoder.Decode(address.Site, address.Gateway, message.Payload.Span);
            if (decoded.Pack is { } pack)
            {
                _evaluator.OnPack(pack);
            }
            else
            {
                var why = decoded.Errors.Count > 0 ? decoded.Errors[0].Message : "refused";
                AlertsLog.NotEvaluated(_logger, message.Topic, why);
            }

            return;
        }

        if (address.Kind == TopicKind.Status && !message.Payload.IsEmpty)
        {
            if (GatewayStatusCodec.TryDecode(message.Payload.Span, out var status, out var errors)
                && status!.Site == address.Site && status.Gateway == address.Gateway)
            {
                _evaluator.OnStatus(status);
            }
            else
            {
                var why = errors.Count > 0 ? errors[0].Message : "status names another gateway";
                AlertsLog.NotEvaluated(_logger, message.Topic, why);
            }
        }
    }
}
