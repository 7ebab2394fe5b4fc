using System.Diagnostics.Metrics;

namespace SmartSensors.Mqtt.Client;

/// <summary>Client metrics (meter "SmartSensors.Mqtt").</summary>
internal static class MqttClientMetrics
{
    public static readonly Meter Meter = new("SmartSensors.Mqtt");

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("mqtt.client.published", "{message}", "Messages acknowledged by the broker (or written, QoS 0).");

    public static readonly Counter<long> Received = Meter.CreateCounter<long>("mqtt.client.received", "{message}", "Messages received from the broker.");

    public static readonly Counter<long> Qos0Dropped = Meter.CreateCounter<long>("mqtt.client.qos0_dropped", "{message}", "QoS 0 messages dropped because the inbox was full.");

    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("mqtt.client.reconnects", "{connection}", "Successful reconnects after a lost connection.");

    public static readonly Counter<long> Resent = Meter.CreateCounter<long>("mqtt.client.resent", "{message}", "QoS 1/2 publishes re-sent after a reconnect.");
}
