namespace SmartSensors.Devices;

/// <summary>One measured quantity: a SenML-style name (e.g. <c>pm25</c>), value and SenML unit (see <see cref="SenMlUnits"/>).</summary>
public readonly record struct Quantity(string Name, double Value, string Unit);
