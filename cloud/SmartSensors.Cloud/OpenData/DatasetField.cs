namespace SmartSensors.Cloud.OpenData;

/// <summary>One column of a dataset: name (JSON property and CSV header), unit (null for none) and meaning.</summary>
internal sealed record DatasetField(string Name, string? Unit, string Description);
