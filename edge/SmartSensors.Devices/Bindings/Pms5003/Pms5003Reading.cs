namespace SmartSensors.Devices.Bindings.Pms5003;

/// <summary>
/// One PMS5003 frame. Atmospheric-environment concentrations (data words 4-6, what to use outdoors) and the
/// "CF=1 standard particle" ones (words 1-3), in µg/m³.
/// </summary>
public readonly record struct Pms5003Reading(int Pm1Atmospheric, int Pm25Atmospheric, int Pm10Atmospheric, int Pm1Standard, int Pm25Standard, int Pm10Standard);
