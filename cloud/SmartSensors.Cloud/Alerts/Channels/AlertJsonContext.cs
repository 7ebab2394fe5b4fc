using System.Text.Json.Serialization;

namespace SmartSensors.Cloud.Alerts.Channels;

/// <summary>Source-generated JSON for the notification payload and the alerts API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16)]
[JsonSerializable(typeof(AlertNotification))]
[JsonSerializable(typeof(AlertMessage))]
[JsonSerializable(typeof(IReadOnlyList<AlertMessage>))]
[JsonSerializable(typeof(WateringRoundMessage))]
[JsonSerializable(typeof(Rules.EngineSnapshot))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
