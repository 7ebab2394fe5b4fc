namespace SmartSensors.Devices.Bindings.Footfall;

/// <summary>
/// Counts for one interval. With one beam only <see cref="Passages"/> is meaningful; with two beams
/// Passages = In + Out and <see cref="Unpaired"/> counts breaks of one beam that no break of the other followed
/// within the direction window (someone turning back, a dog, a bag).
/// </summary>
public readonly record struct FootfallCounts(long Passages, long In, long Out, long Unpaired);
