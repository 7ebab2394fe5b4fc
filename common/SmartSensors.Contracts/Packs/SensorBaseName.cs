using System.Runtime.CompilerServices;

namespace SmartSensors.Contracts;

/// <summary>
/// A base name split once: when it is <c>urn:dev:ss:{gateway}:{sensor}:</c> with valid ids, the gateway and sensor;
/// otherwise neither (the decoder then splits each full name itself). Kept in a small per-thread table keyed by the
/// base name's identity: the SenML parser hands out the same string for a base name a thread has seen before, so a
/// gateway's base names are split once, not once per record. Two-way set-associative like
/// <see cref="SenmlNameCache"/>, so that two base names sharing a set do not evict each other in turn.
/// </summary>
internal sealed class SensorBaseName
{
    /// <summary>Entries per thread (a power of two: sets of two).</summary>
    public const int Slots = 1024;

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
        var set = RuntimeHelpers.GetHashCode(baseName) & (table.Length - 2);
        var first = table[set];
        if (first is not null && ReferenceEquals(first.BaseName, baseName))
        {
            return first;
        }

        var second = table[set + 1];
        if (second is not null && ReferenceEquals(second.BaseName, baseName))
        {
            // Most recently used first.
            table[set] = second;
            table[set + 1] = first;
            return second;
        }

        var entry = Split(baseName);
        table[set + 1] = first;
        table[set] = entry;
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
