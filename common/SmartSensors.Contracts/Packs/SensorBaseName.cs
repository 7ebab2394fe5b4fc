using System.Runtime.CompilerServices;

namespace SmartSensors.Contracts;

/// <summary>
/// A base name split once: when it is <c>urn:dev:ss:{gateway}:{sensor}:</c> with valid ids, the gateway and sensor;
/// otherwise neither (the decoder then splits each full name itself). Kept in a small per-thread table keyed by the
/// base name's identity: the SenML parser hands out the same string for a base name a thread has seen before, so a
/// gateway's base names are split once, not once per record.
/// </summary>
internal sealed class SensorBaseName
{
    /// <summary>Entries per thread (a power of two).</summary>
    public const int Slots = 256;

    private SensorBaseName(string baseName, string? gateway, string? sensor)
    {
        BaseName = baseName;
        Gateway = gateway;
        Sensor = sensor;
    }

    public string BaseName { get; }

    /// <summary>The gateway id when the base name is <c>urn:dev:ss:{gateway}:{sensor}:</c>.</summary>
    public string? Gateway { get; }

    /// <summary>The sensor id when the base name is <c>urn:dev:ss:{gateway}:{sensor}:</c>.</summary>
    public string? Sensor { get; }

    public static SensorBaseName Find(SensorBaseName?[] table, string baseName)
    {
        var slot = RuntimeHelpers.GetHashCode(baseName) & (table.Length - 1);
        var entry = table[slot];
        if (entry is null || !ReferenceEquals(entry.BaseName, baseName))
        {
            entry = Split(baseName);
            table[slot] = entry;
        }

        return entry;
    }

    private static SensorBaseName Split(string baseName)
    {
        if (baseName.Length > GatewayPackEncoder.NamePrefix.Length + 1
            && baseName.StartsWith(GatewayPackEncoder.NamePrefix, StringComparison.Ordinal)
            && baseName[^1] == ':')
        {
            var rest = baseName.AsSpan(GatewayPackEncoder.NamePrefix.Length, baseName.Length - GatewayPackEncoder.NamePrefix.Length - 1);
            var colon = rest.IndexOf(':');
            if (colon > 0 && Topics.IsValidId(rest[..colon]) && Topics.IsValidId(rest[(colon + 1)..]))
            {
                // Valid ids hold no ':', so this is exactly urn:dev:ss:{gateway}:{sensor}:.
                return new SensorBaseName(baseName, rest[..colon].ToString(), rest[(colon + 1)..].ToString());
            }
        }

        return new SensorBaseName(baseName, null, null);
    }
}
