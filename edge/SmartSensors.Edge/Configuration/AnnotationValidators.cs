using Microsoft.Extensions.Options;

namespace SmartSensors.Edge.Configuration;

// Source-generated DataAnnotations validators (no reflection, so they survive trimming in the self-contained build).

/// <summary>Checks the DataAnnotations of <see cref="GatewayOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsAnnotations : IValidateOptions<GatewayOptions>;

/// <summary>Checks the DataAnnotations of <see cref="BrokerOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class BrokerOptionsAnnotations : IValidateOptions<BrokerOptions>;

/// <summary>Checks the DataAnnotations of <see cref="OutboxOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class OutboxOptionsAnnotations : IValidateOptions<OutboxOptions>;
