namespace SmartSensors.Contracts;

/// <summary>
/// The outcome of <see cref="GatewayPackDecoder.Decode(string, ReadOnlySpan{byte})"/>: the pack, or every reason it
/// is refused. <see cref="Site"/> and <see cref="Gateway"/> come from the topic and are set whenever the topic
/// parsed, so a refused pack can still be filed under its gateway.
/// </summary>
public sealed class PackDecodeResult
{
    internal PackDecodeResult(GatewayPack? pack, IReadOnlyList<ValidationError> errors, string? site, string? gateway, long? sequence)
    {
        Pack = pack;
        Errors = errors;
        Site = site;
        Gateway = gateway;
        Sequence = sequence;
    }

    /// <summary>The decoded pack; null when refused.</summary>
    public GatewayPack? Pack { get; }

    /// <summary>Every reason the pack is refused; empty when valid.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>True when the pack was accepted.</summary>
    public bool IsValid => Pack is not null;

    /// <summary>The site named by the topic (null if the topic did not parse).</summary>
    public string? Site { get; }

    /// <summary>The gateway named by the topic (null if the topic did not parse).</summary>
    public string? Gateway { get; }

    /// <summary>The sequence number if one could be read, even from a refused pack.</summary>
    public long? Sequence { get; }
}
