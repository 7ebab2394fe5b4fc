using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace SmartSensors.Mqtt.Client;

/// <summary>The consumer's view of the inbox: accounts for QoS 0 room, skips stale copies the broker will redeliver, auto-acknowledges.</summary>
internal sealed class ReceivedMessageReader : ChannelReader<MqttReceivedMessage>
{
    private readonly ChannelReader<MqttReceivedMessage> _inner;
    private readonly MqttClient _client;

    public ReceivedMessageReader(ChannelReader<MqttReceivedMessage> inner, MqttClient client)
    {
        _inner = inner;
        _client = client;
    }

    public override Task Completion => _inner.Completion;

    public override bool CanCount => _inner.CanCount;

    public override int Count => _inner.Count;

    public override bool TryRead([MaybeNullWhen(false)] out MqttReceivedMessage item)
    {
        while (_inner.TryRead(out var message))
        {
            if (_client.OnDequeued(message))
            {
                item = message;
                return true;
            }
        }

        item = null;
        return false;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        _inner.WaitToReadAsync(cancellationToken);
}
