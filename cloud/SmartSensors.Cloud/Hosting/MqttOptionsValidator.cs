using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SmartSensors.Mqtt;

namespace SmartSensors.Cloud.Hosting;

/// <summary>Validates the <c>Mqtt</c> section with the client's own rules (messages name the setting).</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ValidationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
