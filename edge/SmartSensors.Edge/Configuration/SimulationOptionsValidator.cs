using Microsoft.Extensions.Options;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks <c>SmartSensors:Simulation</c> (the scenario for simulated sensors) with the device layer's own rules.</summary>
internal sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    public const string SectionName = "SmartSensors:Simulation";

    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate(SectionName + ":");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
