using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Contracts;

/// <summary>Hard limits the SenML decoder enforces before and while reading a payload.</summary>
public sealed class SenmlLimits
{
    /// <summary>The defaults: 256 KiB, 10 000 records, names up to 256 characters.</summary>
    public static SenmlLimits Default { get; } = new();

    /// <summary>Largest payload accepted, in bytes (checked before any parsing).</summary>
    [Range(64, 16 * 1024 * 1024, ErrorMessage = "SenmlLimits:MaxPayloadBytes must be between 64 and 16 MiB.")]
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Most records accepted in one pack.</summary>
    [Range(1, 1_000_000, ErrorMessage = "SenmlLimits:MaxRecords must be between 1 and 1 000 000.")]
    public int MaxRecords { get; init; } = 10_000;

    /// <summary>Longest resolved name (base name + name) accepted, in characters.</summary>
    [Range(16, 4096, ErrorMessage = "SenmlLimits:MaxNameLength must be between 16 and 4096.")]
    public int MaxNameLength { get; init; } = 256;
}
