using SmartSensors.Contracts;

namespace SmartSensors.Cloud.DeadLetters;

/// <summary>A refused pack as stored: where it came from, what it was (cut to a bound) and every reason.</summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="ReceivedAt">When the cloud received it.</param>
/// <param name="Topic">The MQTT topic it arrived on (cut to 1024 characters).</param>
/// <param name="Site">The site named by the topic, when the topic parsed.</param>
/// <param name="Gateway">The gateway named by the topic, when the topic parsed.</param>
/// <param name="Payload">The payload, at most <see cref="DeadLetterOptions.MaxPayloadBytes"/>.</param>
/// <param name="PayloadLength">The original payload length in bytes.</param>
/// <param name="Reasons">Every reason it was refused (contract reason codes, or <c>influx_rejected</c>).</param>
public sealed record DeadLetter(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? Site,
    string? Gateway,
    ReadOnlyMemory<byte> Payload,
    int PayloadLength,
    IReadOnlyList<ValidationError> Reasons)
{
    /// <summary>The reason code for lines InfluxDB itself refused (e.g. a field type conflict) after validation passed.</summary>
    public const string InfluxRejected = "influx_rejected";

    /// <summary>Whether the stored payload was cut.</summary>
    public bool Truncated => Payload.Length < PayloadLength;
}
