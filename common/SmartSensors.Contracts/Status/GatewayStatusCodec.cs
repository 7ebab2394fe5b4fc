using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace SmartSensors.Contracts;

/// <summary>
/// JSON codec for <see cref="GatewayStatus"/> (System.Text.Json source generation). Decoding never throws for bad
/// input; it returns every reason the message is refused.
/// </summary>
public static class GatewayStatusCodec
{
    /// <summary>Largest status message accepted, bytes.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Most sensors listed in one birth message.</summary>
    public const int MaxSensors = 256;

    /// <summary>Encodes a status message as UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">The status is not valid; the message lists every reason.</exception>
    public static byte[] Encode(GatewayStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Encode(status, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a status message as UTF-8 JSON into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The status is not valid; the message lists every reason.</exception>
    public static void Encode(GatewayStatus status, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        var errors = new ErrorSink();
        Check(status, errors);
        if (errors.Count != 0)
        {
            throw new ArgumentException("Gateway status cannot be encoded: " + GatewayPackEncoder.Summarise(errors.Errors), nameof(status));
        }

        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, status, StatusJsonContext.Default.GatewayStatus);
    }

    /// <summary>Decodes a status message; false with every reason when refused.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Json, out GatewayStatus? status, out IReadOnlyList<ValidationError> errors)
    {
        status = null;
        var sink = new ErrorSink();
        errors = sink.Errors;
        if (utf8Json.Length > MaxPayloadBytes)
        {
            sink.Add(ReasonCodes.TooLarge, $"status is {utf8Json.Length} bytes, the limit is {MaxPayloadBytes}");
            return false;
        }

        if (!Utf8.IsValid(utf8Json))
        {
            sink.Add(ReasonCodes.InvalidUtf8, "status is not valid UTF-8");
            return false;
        }

        GatewayStatus? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize(utf8Json, StatusJsonContext.Default.GatewayStatus);
        }
        catch (JsonException ex)
        {
            // System.Text.Json reports nesting beyond MaxDepth as a JsonException like any syntax error; its
            // (invariant-culture) message is the only thing that tells them apart.
            var tooDeep = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal);
            sink.Add(tooDeep ? ReasonCodes.TooDeep : ReasonCodes.MalformedJson, ex.Message);
            return false;
        }

        if (decoded is null)
        {
            sink.Add(ReasonCodes.MalformedJson, "status is JSON null");
            return false;
        }

        Check(decoded, sink);
        if (sink.Count != 0)
        {
            return false;
        }

        status = decoded;
        return true;
    }

    private static void Check(GatewayStatus status, ErrorSink errors)
    {
        if (!Enum.IsDefined(status.State))
        {
            errors.Add(ReasonCodes.WrongType, "state must be online or offline");
        }

        if (!Topics.IsValidId(status.Site))
        {
            errors.Add(ReasonCodes.InvalidTopic, "site must be lowercase [a-z0-9-]{1,64}");
        }

        if (!Topics.IsValidId(status.Gateway))
        {
            errors.Add(ReasonCodes.InvalidTopic, "gateway must be lowercase [a-z0-9-]{1,64}");
        }

        if (status.Version is { Length: > 64 })
        {
            errors.Add(ReasonCodes.OutOfRange, "version is longer than 64 characters");
        }

        if (status.Location is { } location
            && (!double.IsFinite(location.Latitude) || !double.IsFinite(location.Longitude)
                || location.Latitude is < -90 or > 90 || location.Longitude is < -180 or > 180))
        {
            errors.Add(ReasonCodes.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"location {location.Latitude},{location.Longitude} is not a latitude -90..90 and longitude -180..180"));
        }

        if (status.Sensors is not { } sensors)
        {
            return;
        }

        if (sensors.Count > MaxSensors)
        {
            errors.Add(ReasonCodes.TooManyRecords, $"more than {MaxSensors} sensors listed");
            return;
        }

        for (var i = 0; i < sensors.Count; i++)
        {
            var sensor = sensors[i];
            if (sensor is null)
            {
                errors.Add(ReasonCodes.WrongType, "sensor entry is null", i);
                continue;
            }

            if (!Topics.IsValidId(sensor.SensorId))
            {
                errors.Add(ReasonCodes.InvalidBaseName, "sensor_id must be lowercase [a-z0-9-]{1,64}", i);
            }

            if (sensor.Model is null or { Length: 0 or > 64 })
            {
                errors.Add(ReasonCodes.OutOfRange, "model must be 1..64 characters", i);
            }

            if (!Enum.IsDefined(sensor.Kind))
            {
                errors.Add(ReasonCodes.WrongType, "kind is not a sensor kind", i);
            }

            if (sensor.Quantities is null)
            {
                errors.Add(ReasonCodes.WrongType, "quantities is missing", i);
                continue;
            }

            foreach (var quantity in sensor.Quantities)
            {
                if (!Quantities.TryGet(quantity, out _))
                {
                    errors.Add(ReasonCodes.UnknownQuantity, $"quantity '{SenmlParser.Printable(quantity ?? "null")}' is not in the catalogue", i);
                }
            }
        }
    }
}
