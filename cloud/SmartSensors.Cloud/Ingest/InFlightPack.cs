using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Ingest;

/// <summary>A received pack on its way through the pipeline, until it is acknowledged.</summary>
internal sealed class InFlightPack
{
    public InFlightPack(MqttReceivedMessage message, long receivedTimestamp)
    {
        Message = message;
        ReceivedTimestamp = receivedTimestamp;
    }

    public MqttReceivedMessage Message { get; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when it was taken from the broker.</summary>
    public long ReceivedTimestamp { get; }

    public string? Site { get; set; }

    public string? Gateway { get; set; }

    public int ReadingCount { get; set; }

    /// <summary>Index of its first line in its <see cref="PackGroup"/>'s writer item.</summary>
    public int FirstLine { get; set; }

    /// <summary>Line-protocol lines its readings became.</summary>
    public int LineCount { get; set; }

    public DateTimeOffset OldestCapture { get; set; }

    public DateTimeOffset NewestCapture { get; set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when it was queued for a batch.</summary>
    public long QueuedTimestamp { get; set; }
}
