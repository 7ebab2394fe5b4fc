using System.Threading.Channels;

namespace SmartSensors.Mqtt;

/// <summary>
/// An MQTT 5.0 / 3.1.1 client connection. Small on purpose, so that another client library (e.g. MQTTnet) can be adapted to it.
/// All members are thread-safe. Publishing from inside a loop that consumes <see cref="Messages"/> does not deadlock.
/// </summary>
public interface IMqttClient : IAsyncDisposable
{
    MqttConnectionState State { get; }

    /// <summary>Raised on every state change (connected, connection lost, reconnecting...).</summary>
    event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>
    /// Received messages. Bounded by the Receive Maximum (plus <see cref="MqttClientOptions.QoS0BufferCapacity"/> for QoS 0):
    /// a consumer that does not read/acknowledge makes the broker stop sending. Completes when the client is disposed.
    /// </summary>
    ChannelReader<MqttReceivedMessage> Messages { get; }

    /// <summary>Connects and waits for a successful CONNACK. With reconnect enabled transient failures are retried with backoff
    /// until <paramref name="cancellationToken"/> fires; a refusal by the broker (bad credentials, not authorized...) throws
    /// <see cref="MqttConnectException"/> at once. After success the client keeps the connection up (reconnecting as configured).</summary>
    Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends DISCONNECT (normal disconnection: the broker discards the will) and stops reconnecting.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);

    /// <summary>Publishes and completes when the broker has acknowledged: PUBACK for QoS 1, PUBCOMP for QoS 2 (a PUBREC failure code
    /// ends the flow early and is returned), or when written for QoS 0. Waits for a send-quota slot (the broker's Receive Maximum).
    /// A QoS 1/2 publish in flight when the connection drops is resent with DUP after reconnect if the session is present.</summary>
    Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Exactly once across restarts of the caller's own process, first half: a QoS 2 publish whose flow state the caller
    /// keeps durably. Use it with a broker session that outlives the process (<see cref="MqttClientOptions.CleanStart"/>
    /// false and a Session Expiry Interval). The caller picks <paramref name="packetId"/> from
    /// 1..<see cref="MqttClientOptions.CallerPacketIdentifiers"/> and records it with the message <b>before</b> calling;
    /// the task completes on PUBREC (its reason code in the result; a failure code ends the flow). The caller then records
    /// that PUBREC arrived and calls <see cref="ReleaseAsync"/>. After a restart, a flow recorded without PUBREC is sent
    /// again with <paramref name="resend"/> true: the broker knows the packet identifier and does not deliver it twice.
    /// While the client runs, connection losses are handled as for any publish.
    /// </summary>
    Task<MqttPublishResult> PublishUntilReceivedAsync(MqttApplicationMessage message, ushort packetId, bool resend, CancellationToken cancellationToken);

    /// <summary>
    /// Second half of <see cref="PublishUntilReceivedAsync"/>: sends PUBREL and completes on PUBCOMP, when the broker has
    /// delivered the message. Also for a flow an earlier process recorded as received: the PUBREL goes into the broker
    /// session that holds it. Should that session have been lost, <paramref name="message"/> is published again under
    /// the same identifier (a possible duplicate: a broker that delivers at PUBREL discarded it undelivered).
    /// </summary>
    Task<MqttPublishResult> ReleaseAsync(MqttApplicationMessage message, ushort packetId, CancellationToken cancellationToken);

    /// <summary>Subscribes; the result carries one reason code per subscription (e.g. 0x87 Not Authorized from an ACL).</summary>
    Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken);

    Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken);
}
