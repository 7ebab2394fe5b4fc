namespace SmartSensors.Devices.Bindings.Sds011;

/// <summary>One SDS011 data frame: PM2.5 and PM10 in µg/m³ and the sensor's 16-bit id.</summary>
public readonly record struct Sds011Reading(double Pm25, double Pm10, ushort DeviceId);
