using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Observability;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Registry;

/// <summary>
/// Keeps <see cref="GatewayRegistry"/> current from the retained <c>ss/v1/+/+/status</c> topics. Uses its own clean
/// (non-persistent) MQTT session: the broker replays every retained status on each (re)subscribe, so nothing is lost
/// by not keeping a session, and status traffic never waits behind the readings backlog.
/// </summary>
internal sealed class GatewayRegistrySubscriber : BackgroundService
{
    private const string ConnectionName = "registry";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly GatewayRegistry _registry;
    private readonly MqttClientOptions _mqtt;
    private readonly RegistryOptions _options;
    private readonly BrokerConnections _connections;
    private readonly TimeProvider _clock;
    private readonly ILogger<GatewayRegistrySubscriber> _logger;

    public GatewayRegistrySubscriber(
        GatewayRegistry registry,
        IOptions<MqttClientOptions> mqtt,
        IOptions<RegistryOptions> options,
        BrokerConnections connections,
        TimeProvider clock,
        ILogger<GatewayRegistrySubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _mqtt = mqtt.Value;
        _options = options.Value;
        _connections = connections;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RestartingLoop.RunAsync(
            RunOnceAsync,
            static ex => ex is MqttException or IOException or InvalidOperationException,
            (ex, pause) => RegistryLog.Failed(_logger, ex, pause),
            RetryDelay,
            _clock,
            stoppingToken).ConfigureAwait(false);
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var clientId = string.IsNullOrEmpty(_options.ClientId)
            ? MqttOptionsFactory.WithSuffix(MqttOptionsFactory.DefaultClientId("registry"), Guid.NewGuid().ToString("N")[..8])
            : _options.ClientId;
        var options = MqttOptionsFactory.Derive(_mqtt, clientId, cleanStart: true, sessionExpirySeconds: 0, receiveMaximum: 100, autoAcknowledge: true);
        var client = MqttClientFactory.Create(options, _logger);
        await using (client.ConfigureAwait(false))
        {
            _connections.Track(ConnectionName, client);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                var filter = Topics.StatusSubscription();
                var result = await client.SubscribeAsync(
                    [new MqttSubscription { TopicFilter = filter, MaximumQualityOfService = MqttQualityOfService.AtLeastOnce }],
                    cancellationToken).ConfigureAwait(false);
                if (!result.AllGranted)
                {
                    RegistryLog.SubscribeRefused(_logger, filter, result.ReasonCodes[0]);
                    throw new InvalidOperationException($"The broker refused the subscription to {filter}.");
                }

                RegistryLog.Subscribed(_logger, filter, clientId);
                await foreach (var message in client.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    Handle(message.Topic, message.Payload.Span, message.Retain);
                }
            }
            finally
            {
                _connections.Untrack(ConnectionName);
            }
        }
    }

    /// <summary>Applies one status message (public for tests of the parsing rules).</summary>
    internal void Handle(string topic, ReadOnlySpan<byte> payload, bool replayed)
    {
        if (!Topics.TryParse(topic, out var address, out var reason) || address.Kind != TopicKind.Status)
        {
            RegistryLog.StatusRefused(_logger, Printable(topic), reason ?? "not a status topic");
            return;
        }

        if (payload.IsEmpty)
        {
            // A cleared retained status: the gateway was decommissioned.
            _registry.Remove(address.Site, address.Gateway);
            return;
        }

        if (!GatewayStatusCodec.TryDecode(payload, out var status, out var errors))
        {
            RegistryLog.StatusRefused(_logger, topic, string.Join("; ", errors));
            return;
        }

        if (status!.Site != address.Site || status.Gateway != address.Gateway)
        {
            RegistryLog.StatusRefused(_logger, topic, $"{ReasonCodes.TopicGatewayMismatch}: the message names {status.Site}/{status.Gateway}");
            return;
        }

        if (!_registry.ApplyStatus(status, _clock.GetUtcNow(), replayed))
        {
            RegistryLog.Full(_logger, status.Site, status.Gateway);
            return;
        }

        RegistryLog.StatusApplied(_logger, status.Site, status.Gateway, status.State == GatewayState.Online ? "online" : "offline");
    }

    private static string Printable(string topic)
    {
        var builder = new StringBuilder(Math.Min(topic.Length, 128));
        foreach (var c in topic.AsSpan(0, Math.Min(topic.Length, 128)))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
