namespace SmartSensors.Contracts;

/// <summary>One field of a <see cref="StoragePoint"/>: the quantity name and value; counts are integers.</summary>
public readonly record struct StorageField(string Name, double Value, bool IsInteger);
