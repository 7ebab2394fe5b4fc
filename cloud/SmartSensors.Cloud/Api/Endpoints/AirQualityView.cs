namespace SmartSensors.Cloud.Api.Endpoints;

/// <summary>The UK Daily Air Quality Index of one air sensor now.</summary>
/// <param name="Status"><c>ok</c>, or <c>insufficient data</c> (not enough readings for the running means yet).</param>
/// <param name="Index">DAQI 1-10.</param>
/// <param name="Band">low, moderate, high or very high.</param>
/// <param name="Pollutant">The pollutant that set the index.</param>
/// <param name="Mean">That pollutant's running mean, ug/m3.</param>
internal sealed record AirQualityView(string Site, string Gateway, string Sensor, string Status, int? Index, string? Band, string? Pollutant, double? Mean);
