using System.Text;

namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>The checks the C twins' on_message callbacks make (topic, payload, length, QoS, retain).</summary>
internal static class MessageCheck
{
    /// <summary>Null when <paramref name="message"/> is as expected, else what is wrong (the C twins print it and exit(1)).</summary>
    public static string? Problem(MqttReceivedMessage message, string topic, string payload, MqttQualityOfService qos, bool retain = false)
    {
        if (message.QualityOfService != qos)
        {
            return $"Invalid qos ({(int)message.QualityOfService})";
        }

        if (message.Topic != topic)
        {
            return $"Invalid topic ({message.Topic})";
        }

        var text = Encoding.UTF8.GetString(message.Payload.Span);
        if (text != payload)
        {
            return $"Invalid payload ({text})";
        }

        if (message.Payload.Length != Encoding.UTF8.GetByteCount(payload))
        {
            return $"Invalid payloadlen ({message.Payload.Length})";
        }

        return message.Retain != retain ? $"Invalid retain ({message.Retain})" : null;
    }

    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
