namespace SmartSensors.Edge.Tests.Support;

/// <summary>One reading as received at the broker's subscriber: its series, capture time (µs) and the pack it came in.</summary>
internal readonly record struct ReceivedReading(string Sensor, string Quantity, long CaptureTicks, double Value, long Sequence, int Line)
{
    public (string Sensor, string Quantity, long CaptureTicks) Key => (Sensor, Quantity, CaptureTicks);
}
