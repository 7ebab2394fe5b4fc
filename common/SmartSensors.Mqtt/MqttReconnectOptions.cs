using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Mqtt;

/// <summary>Automatic reconnect: exponential backoff from <see cref="MinDelay"/> doubling to <see cref="MaxDelay"/>, with jitter.</summary>
public sealed class MqttReconnectOptions
{
    /// <summary>Reconnect automatically after the connection is lost (and retry a failed first connect).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan MinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Fraction (0..1) of each delay that is randomised ("equal jitter": delay * (1 - j) + random(delay * j)).</summary>
    [Range(0.0, 1.0)]
    public double JitterFraction { get; set; } = 0.5;
}
