namespace SmartSensors.Devices;

/// <summary>One reading of one sensor: the capture time (taken from the injected <see cref="TimeProvider"/>) and its quantities.</summary>
public sealed record SensorSample(DateTimeOffset CapturedAt, IReadOnlyList<Quantity> Quantities)
{
    /// <summary>The value of the quantity called <paramref name="name"/>, or null if the sample has none.</summary>
    public double? ValueOf(string name)
    {
        foreach (var q in Quantities)
        {
            if (string.Equals(q.Name, name, StringComparison.Ordinal))
            {
                return q.Value;
            }
        }

        return null;
    }
}
