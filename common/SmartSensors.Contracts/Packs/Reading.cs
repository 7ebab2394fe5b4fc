namespace SmartSensors.Contracts;

/// <summary>
/// One measurement taken by one sensor: which sensor, which quantity (with its kind and unit), the value and the
/// moment the gateway captured it. Capture times travel to the microsecond.
/// </summary>
/// <param name="SensorId">The sensor's id, lowercase <c>[a-z0-9-]{1,64}</c>, unique within its gateway.</param>
/// <param name="Kind">The kind the quantity belongs to (always the catalogue's kind for <paramref name="Quantity"/>).</param>
/// <param name="Quantity">The quantity's wire name (see <see cref="Quantities"/>).</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">The SenML unit (always the catalogue's unit for <paramref name="Quantity"/>).</param>
/// <param name="CaptureTime">When the gateway took the reading (kept through outbox replays).</param>
public readonly record struct Reading(
    string SensorId,
    SensorKind Kind,
    string Quantity,
    double Value,
    string Unit,
    DateTimeOffset CaptureTime)
{
    /// <summary>A reading of a catalogue quantity: kind and unit come from <paramref name="quantity"/>.</summary>
    public static Reading Of(string sensorId, QuantityDefinition quantity, double value, DateTimeOffset captureTime)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return new Reading(sensorId, quantity.Kind, quantity.Name, value, quantity.Unit, captureTime);
    }
}
