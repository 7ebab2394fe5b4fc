namespace SmartSensors.Contracts;

/// <summary>
/// What a gateway publishes on <c>ss/v1/{site}/{gateway}/readings</c>: its monotonic pack sequence number and a
/// batch of readings, possibly from several sensors and capture times. The site travels in the topic only.
/// </summary>
/// <param name="Gateway">The gateway id, lowercase <c>[a-z0-9-]{1,64}</c>.</param>
/// <param name="Site">The site id, lowercase <c>[a-z0-9-]{1,64}</c>.</param>
/// <param name="Sequence">The gateway's pack sequence number, 0..2^53-1, increasing by one per pack.</param>
/// <param name="Readings">The readings, in the order they were taken.</param>
public sealed record GatewayPack(string Gateway, string Site, long Sequence, IReadOnlyList<Reading> Readings)
{
    /// <summary>Largest sequence number the wire carries exactly (2^53 - 1).</summary>
    public const long MaxSequence = 9_007_199_254_740_991;

    /// <summary>The topic this pack is published on.</summary>
    public string Topic => Topics.Readings(Site, Gateway);
}
