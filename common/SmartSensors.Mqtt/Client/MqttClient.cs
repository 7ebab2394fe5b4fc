using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartSensors.Mqtt.Transport;

namespace SmartSensors.Mqtt.Client;

/// <summary>The MQTT client implementation (work in progress: interface skeleton).</summary>
internal sealed class MqttClient : IMqttClient
{
    private readonly Channel<MqttReceivedMessage> _messages = Channel.CreateBounded<MqttReceivedMessage>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });

    public MqttClient(MqttClientOptions options, ILogger? logger, IMqttTransportFactory transportFactory)
    {
        _ = options;
        _ = logger;
        _ = transportFactory;
    }

    public MqttConnectionState State => MqttConnectionState.Disconnected;

    public event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged
    {
        add { }
        remove { }
    }

    public ChannelReader<MqttReceivedMessage> Messages => _messages.Reader;

    public Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException("Not written yet.");

    public Task DisconnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException("Not written yet.");

    public Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) => throw new NotSupportedException("Not written yet.");

    public Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken) => throw new NotSupportedException("Not written yet.");

    public Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken) => throw new NotSupportedException("Not written yet.");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
