namespace SmartSensors.Cloud.Api.Stream;

/// <summary>One server-sent event: its type (<c>reading</c> or <c>alert</c>), its JSON data (serialised once for every
/// client) and the site it concerns (for the per-client site filter).</summary>
internal sealed record LiveEvent(string Event, string Data, string Site);
