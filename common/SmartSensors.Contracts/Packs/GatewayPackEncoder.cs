using System.Buffers;
using System.Text.Json;

namespace SmartSensors.Contracts;

/// <summary>
/// Writes a <see cref="GatewayPack"/> as a SenML JSON pack (see docs/wire-contract.md):
/// <code>
/// [{"bn":"urn:dev:ss:{gateway}:","bt":{first capture},"bver":26,"n":"seq","v":{sequence}},
///  {"bn":"urn:dev:ss:{gateway}:{sensor}:","n":"{quantity}","u":"{unit}","v":{value},"t":{offset}}, ...]
/// </code>
/// The base name changes whenever the sensor changes; <c>t</c> is the capture time relative to <c>bt</c> and is
/// left out when zero. Pure: no I/O, no clock.
/// </summary>
public static class GatewayPackEncoder
{
    /// <summary>The URN prefix of every name in a gateway pack.</summary>
    public const string NamePrefix = "urn:dev:ss:";

    /// <summary>The name (after <c>urn:dev:ss:{gateway}:</c>) of the record carrying the pack sequence number.</summary>
    public const string SequenceName = "seq";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>
    /// Returns every reason the pack cannot be encoded (invalid ids, unknown quantity, kind or unit not the
    /// catalogue's, value outside the quantity's range, capture time not an absolute time, no readings).
    /// The cloud refuses the same things, so a gateway should check readings before they enter its outbox.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(GatewayPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var errors = new ErrorSink();
        if (!Topics.IsValidId(pack.Gateway))
        {
            errors.Add(ReasonCodes.InvalidBaseName, $"gateway '{pack.Gateway}' is not lowercase [a-z0-9-]{{1,64}}");
        }

        if (!Topics.IsValidId(pack.Site))
        {
            errors.Add(ReasonCodes.InvalidTopic, $"site '{pack.Site}' is not lowercase [a-z0-9-]{{1,64}}");
        }

        if (pack.Sequence is < 0 or > GatewayPack.MaxSequence)
        {
            errors.Add(ReasonCodes.InvalidSequence, $"sequence {pack.Sequence} is outside 0..2^53-1");
        }

        if (pack.Readings is null || pack.Readings.Count == 0)
        {
            errors.Add(ReasonCodes.NoReadings, "a pack needs at least one reading");
            return errors.Errors;
        }

        for (var i = 0; i < pack.Readings.Count; i++)
        {
            CheckReading(pack.Readings[i], i, errors);
        }

        return errors.Errors;
    }

    /// <summary>Checks one reading against the catalogue; returns every problem (empty when fine).</summary>
    public static IReadOnlyList<ValidationError> Validate(in Reading reading)
    {
        var errors = new ErrorSink();
        CheckReading(reading, 0, errors);
        return errors.Errors;
    }

    /// <summary>Encodes the pack as UTF-8 SenML JSON into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The pack is not valid (see <see cref="Validate(GatewayPack)"/>); the message lists every reason.</exception>
    public static void Encode(GatewayPack pack, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(output);
        var errors = Validate(pack);
        if (errors.Count != 0)
        {
            throw new ArgumentException("Gateway pack cannot be encoded: " + Summarise(errors), nameof(pack));
        }

        var readings = pack.Readings;
        var baseTime = readings[0].CaptureTime;
        var secondary = false;
        foreach (var reading in readings)
        {
            if (reading.CaptureTime < baseTime)
            {
                baseTime = reading.CaptureTime;
            }

            secondary |= SenmlUnits.IsSecondary(reading.Unit);
        }

        baseTime = SenmlTime.TruncateToMicroseconds(baseTime);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartArray();

        writer.WriteStartObject();
        writer.WriteString("bn"u8, string.Concat(NamePrefix, pack.Gateway, ":"));
        writer.WriteNumber("bt"u8, SenmlTime.ToUnixSeconds(baseTime));
        if (secondary)
        {
            writer.WriteNumber("bver"u8, SenmlVersion.SecondaryUnits);
        }

        writer.WriteString("n"u8, SequenceName);
        writer.WriteNumber("v"u8, pack.Sequence);
        writer.WriteEndObject();

        string? currentSensor = null;
        foreach (var reading in readings)
        {
            writer.WriteStartObject();
            if (!string.Equals(reading.SensorId, currentSensor, StringComparison.Ordinal))
            {
                writer.WriteString("bn"u8, string.Concat(NamePrefix, pack.Gateway, ":", reading.SensorId, ":"));
                currentSensor = reading.SensorId;
            }

            writer.WriteString("n"u8, reading.Quantity);
            writer.WriteString("u"u8, reading.Unit);
            writer.WriteNumber("v"u8, reading.Value);
            var offset = SenmlTime.TruncateToMicroseconds(reading.CaptureTime) - baseTime;
            if (offset != TimeSpan.Zero)
            {
                writer.WriteNumber("t"u8, offset.Ticks / 10_000_000d);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>Encodes the pack into a new array.</summary>
    /// <exception cref="ArgumentException">The pack is not valid (see <see cref="Validate(GatewayPack)"/>).</exception>
    public static byte[] Encode(GatewayPack pack)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(pack, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static string Summarise(IReadOnlyList<ValidationError> errors)
    {
        const int shown = 10;
        var text = string.Join("; ", errors.Take(shown));
        return errors.Count > shown ? $"{text}; and {errors.Count - shown} more" : text;
    }

    private static void CheckReading(in Reading reading, int index, ErrorSink errors)
    {
        if (!Topics.IsValidId(reading.SensorId))
        {
            errors.Add(ReasonCodes.InvalidBaseName, $"sensor id '{reading.SensorId}' is not lowercase [a-z0-9-]{{1,64}}", index);
        }

        if (!Quantities.TryGet(reading.Quantity, out var quantity))
        {
            errors.Add(ReasonCodes.UnknownQuantity, $"quantity '{reading.Quantity}' is not in the catalogue", index);
            return;
        }

        if (reading.Kind != quantity.Kind)
        {
            errors.Add(ReasonCodes.UnknownQuantity, $"quantity '{quantity.Name}' belongs to {quantity.Kind}, not {reading.Kind}", index);
        }

        if (!string.Equals(reading.Unit, quantity.Unit, StringComparison.Ordinal))
        {
            errors.Add(
                SenmlUnits.IsKnown(reading.Unit) ? ReasonCodes.UnitMismatch : ReasonCodes.UnknownUnit,
                $"quantity '{quantity.Name}' is sent in '{quantity.Unit}', not '{reading.Unit}'",
                index);
        }

        var problem = quantity.Check(reading.Value);
        if (problem is not null)
        {
            errors.Add(problem, DescribeValueProblem(problem, quantity, reading.Value), index);
        }

        if (SenmlTime.ToUnixSeconds(reading.CaptureTime) < SenmlRecord.AbsoluteTimeThreshold)
        {
            errors.Add(ReasonCodes.RelativeTime, $"capture time {reading.CaptureTime:O} is before 1978-07-04, which SenML reads as a relative time", index);
        }
    }

    internal static string DescribeValueProblem(string code, QuantityDefinition quantity, double value) => code switch
    {
        ReasonCodes.NotFinite => $"{quantity.Name} is {value}, not a finite number",
        ReasonCodes.NotInteger => $"{quantity.Name} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, counts are whole numbers",
        _ => $"{quantity.Name} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {quantity.Unit} is outside the possible range {quantity.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{quantity.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };
}
