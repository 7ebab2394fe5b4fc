namespace SmartSensors.Devices;

/// <summary>Implemented by serial sensors: exposes the frame parser's counters for gateway health readings.</summary>
public interface IFrameCounted
{
    FrameCounters Frames { get; }
}
