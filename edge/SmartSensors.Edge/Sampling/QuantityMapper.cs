using System.Diagnostics.CodeAnalysis;
using SmartSensors.Contracts;
using DeviceQuantity = SmartSensors.Devices.Quantity;

namespace SmartSensors.Edge.Sampling;

/// <summary>
/// Maps a quantity as a device driver names it (e.g. <c>pm25</c> in <c>ug/m3</c>, <c>pressure</c> in <c>Pa</c>) onto the
/// wire contract's catalogue (<c>pm2_5</c>, <c>pressure</c> in <c>hPa</c>), converting the unit. Pure.
/// </summary>
internal static class QuantityMapper
{
    private static readonly Dictionary<string, QuantityDefinition> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pm25"] = Quantities.Pm25,
        ["pm2.5"] = Quantities.Pm25,
        ["pm2_5"] = Quantities.Pm25,
        ["pm1"] = Quantities.Pm1,
        ["pm1_0"] = Quantities.Pm1,
        ["pm10"] = Quantities.Pm10,
        ["co2"] = Quantities.Co2,
        ["temperature"] = Quantities.Temperature,
        ["humidity"] = Quantities.Humidity,
        ["pressure"] = Quantities.Pressure,
        ["moisture"] = Quantities.Moisture,
        ["level"] = Quantities.Level,
        ["distance"] = Quantities.Distance,
        ["count"] = Quantities.Count,
        ["in"] = Quantities.In,
        ["out"] = Quantities.Out,
    };

    /// <summary>The contract reading for a device quantity; false when the contract has no such quantity or the unit cannot be converted.</summary>
    public static bool TryMap(string sensorId, DeviceQuantity quantity, DateTimeOffset capturedAt, out Reading reading)
    {
        reading = default;
        if (!TryFind(quantity.Name, out var definition) || !TryConvert(quantity.Value, quantity.Unit, definition.Unit, out var value))
        {
            return false;
        }

        reading = Reading.Of(sensorId, definition, value, capturedAt);
        return true;
    }

    private static bool TryFind(string name, [NotNullWhen(true)] out QuantityDefinition? definition) =>
        Quantities.TryGet(name, out definition) || Aliases.TryGetValue(name, out definition);

    private static bool TryConvert(double value, string from, string to, out double converted)
    {
        converted = value;
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return true;
        }

        double? factor = (from, to) switch
        {
            ("Pa", "hPa") => 0.01,
            ("hPa", "Pa") => 100,
            ("mm", "m") => 0.001,
            ("cm", "m") => 0.01,
            ("/", "%") => 100,
            ("%EL", "%") => 1,
            _ => null,
        };
        if (factor is not { } f)
        {
            return false;
        }

        converted = value * f;
        return true;
    }
}
