namespace SmartSensors.Cloud.OpenData;

/// <summary>One published dataset: its id (and address <c>/open/v1/{Id}</c>), the station kind it publishes, title,
/// description, how often it changes (ISO 8601 period and words) and its columns.</summary>
internal sealed record OpenDataset(
    string Id,
    string Kind,
    string Title,
    string Description,
    string UpdateFrequency,
    string UpdatePeriod,
    IReadOnlyList<DatasetField> Fields);
