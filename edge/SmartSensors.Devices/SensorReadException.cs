namespace SmartSensors.Devices;

/// <summary>A sensor produced no valid reading (bus error, timeout without a valid frame, CRC mismatch, out of range).</summary>
public sealed class SensorReadException : Exception
{
    public SensorReadException()
    {
    }

    public SensorReadException(string message)
        : base(message)
    {
    }

    public SensorReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
