namespace SmartSensors.Mqtt.Packets;

/// <summary>Topic name / filter rules (MQTT 5.0 section 4.7).</summary>
internal static class MqttTopic
{
    public static bool IsValidName(string topic) =>
        topic.Length > 0 && topic.AsSpan().IndexOfAny('+', '#') < 0 && !topic.Contains('\0', StringComparison.Ordinal);

    public static bool IsValidFilter(string filter)
    {
        if (filter.Length == 0 || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var body = filter.AsSpan();
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            var rest = body[7..];
            var slash = rest.IndexOf('/');
            if (slash <= 0 || rest[..slash].IndexOfAny('+', '#') >= 0 || slash == rest.Length - 1)
            {
                return false;
            }

            body = rest[(slash + 1)..];
        }

        var levelStart = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i < body.Length && body[i] != '/')
            {
                continue;
            }

            var level = body[levelStart..i];
            if (level.Length > 1 && level.IndexOfAny('+', '#') >= 0)
            {
                return false;
            }

            if (level is "#" && i != body.Length)
            {
                return false;
            }

            levelStart = i + 1;
        }

        return true;
    }
}
