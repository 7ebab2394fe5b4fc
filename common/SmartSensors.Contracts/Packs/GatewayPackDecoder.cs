using System.Globalization;

namespace SmartSensors.Contracts;

/// <summary>
/// The cloud side of the contract: decodes and validates a pack received on <c>ss/v1/{site}/{gateway}/readings</c>.
/// Returns the readings, or every reason the pack is refused; never throws for any topic or payload.
/// Thread-safe; create one per options/clock and share it.
/// </summary>
public sealed class GatewayPackDecoder
{
    private readonly PackDecoderOptions _options;
    private readonly SenmlLimits _limits;
    private readonly TimeProvider _clock;

    // Scratch collections reused per thread: the decoder is shared by concurrent ingest workers.
    [ThreadStatic]
    private static List<SenmlRecord>? t_records;

    [ThreadStatic]
    private static HashSet<(string Sensor, string Quantity, long Ticks)>? t_seen;

    [ThreadStatic]
    private static SensorBaseName?[]? t_baseNames;

    private static readonly QuantityDefinition[] Catalogue = [.. Quantities.All];

    // Up to this many readings the duplicate check scans the readings so far instead of hashing.
    private const int LinearDuplicateCheck = 32;

    /// <summary>Creates a decoder with the given options and clock (future/age checks use the clock).</summary>
    public GatewayPackDecoder(PackDecoderOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _limits = options.ToLimits();
        _clock = clock;
    }

    /// <summary>Creates a decoder with default options and the system clock.</summary>
    public GatewayPackDecoder()
        : this(new PackDecoderOptions(), TimeProvider.System)
    {
    }

    /// <summary>Decodes a pack received on <paramref name="topic"/>.</summary>
    public PackDecodeResult Decode(string? topic, ReadOnlySpan<byte> payload)
    {
        var errors = new ErrorSink();
        string? site = null, gateway = null;
        if (!Topics.TryParse(topic, out var address, out var reason))
        {
            errors.Add(ReasonCodes.InvalidTopic, reason);
        }
        else if (address.Kind != TopicKind.Readings)
        {
            errors.Add(ReasonCodes.InvalidTopic, $"packs are accepted on .../readings topics, not {address.Kind.ToString().ToLowerInvariant()}");
        }
        else
        {
            site = address.Site;
            gateway = address.Gateway;
        }

        return DecodeCore(site, gateway, payload, errors);
    }

    /// <summary>Decodes a pack received on the readings topic of <paramref name="site"/>/<paramref name="gateway"/>.</summary>
    public PackDecodeResult Decode(string site, string gateway, ReadOnlySpan<byte> payload)
    {
        var errors = new ErrorSink();
        if (!Topics.IsValidId(site) || !Topics.IsValidId(gateway))
        {
            errors.Add(ReasonCodes.InvalidTopic, "site and gateway must be lowercase [a-z0-9-]{1,64}");
            return DecodeCore(null, null, payload, errors);
        }

        return DecodeCore(site, gateway, payload, errors);
    }

    private PackDecodeResult DecodeCore(string? site, string? gateway, ReadOnlySpan<byte> payload, ErrorSink errors)
    {
        // Fast path: the compact shape GatewayPackEncoder writes, read straight from the bytes. It either yields exactly
        // the records SenmlParser would (with no error) or declines, and then the general path runs from scratch.
        var records = t_records ??= new List<SenmlRecord>(256);
        try
        {
            if (SenmlPackFastReader.TryRead(payload, _limits, records))
            {
                return ValidateRecords(site, gateway, errors, records);
            }
        }
        finally
        {
            ReleaseScratch(records);
        }

        return DecodeGeneral(site, gateway, payload, errors);
    }

    /// <summary>
    /// The general path: any SenML JSON through <see cref="SenmlParser"/>, then the same validation. <see cref="Decode(string?, ReadOnlySpan{byte})"/>
    /// takes it whenever <see cref="SenmlPackFastReader"/> declines a payload.
    /// </summary>
    internal PackDecodeResult DecodeGeneral(string? site, string? gateway, ReadOnlySpan<byte> payload, ErrorSink errors)
    {
        var records = t_records ??= new List<SenmlRecord>(256);
        try
        {
            return SenmlParser.Parse(payload, _limits, records, errors, out _)
                ? ValidateRecords(site, gateway, errors, records)
                : new PackDecodeResult(null, errors.Errors, site, gateway, null);
        }
        finally
        {
            ReleaseScratch(records);
        }
    }

    private static void ReleaseScratch(List<SenmlRecord> records)
    {
        records.Clear();
        t_seen?.Clear();
        if (records.Capacity > 65_536)
        {
            // Do not pin the memory of one huge pack to the thread for ever.
            t_records = null;
            t_seen = null;
        }
    }

    /// <summary>Checks the parsed records against the contract (names, topic, catalogue, times, duplicates).</summary>
    private PackDecodeResult ValidateRecords(string? site, string? gateway, ErrorSink errors, List<SenmlRecord> records)
    {
        var seen = t_seen ??= new HashSet<(string Sensor, string Quantity, long Ticks)>(256);
        var baseNames = t_baseNames ??= new SensorBaseName?[SensorBaseName.Slots];
        var now = _clock.GetUtcNow();
        var latest = now + _options.MaxFutureSkew;
        var earliest = now - _options.MaxAge;
        var readings = new List<Reading>(records.Count);
        long? sequence = null;
        var sequenceRecords = 0;
        string? lastSensor = null;
        Span<char> name = stackalloc char[_limits.MaxNameLength];
        SensorBaseName? sensorBase = null;

        // By reference: a SenmlRecord is a large struct, and the list is not changed while it is read.
        foreach (ref readonly var record in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records))
        {
            var index = record.Index;
            scoped ReadOnlySpan<char> nameGateway, sensorSpan, quantitySpan;
            string? baseSensor = null;
            if (!ReferenceEquals(sensorBase?.BaseName, record.BaseName))
            {
                sensorBase = SensorBaseName.Find(baseNames, record.BaseName);
            }

            if (sensorBase is { Sensor: not null } known && record.LocalName.Length > 0)
            {
                // The usual case, a base name urn:dev:ss:{gateway}:{sensor}: split and checked once: the name splits
                // exactly as TrySplitName(bn + n) would split it, with the whole of n as the quantity.
                nameGateway = known.Gateway;
                sensorSpan = known.Sensor;
                baseSensor = known.Sensor;
                quantitySpan = record.LocalName;
            }
            else
            {
                var length = record.BaseName.Length + record.LocalName.Length;
                record.BaseName.AsSpan().CopyTo(name);
                record.LocalName.AsSpan().CopyTo(name[record.BaseName.Length..]);
                var full = name[..length];

                if (!TrySplitName(full, out nameGateway, out sensorSpan, out quantitySpan))
                {
                    errors.Add(ReasonCodes.InvalidBaseName, $"name '{SenmlParser.Printable(full)}' is not urn:dev:ss:{{gateway}}:{{sensor}}:{{quantity}} or urn:dev:ss:{{gateway}}:seq", index);
                    continue;
                }
            }

            if (gateway is not null && !nameGateway.SequenceEqual(gateway))
            {
                errors.Add(ReasonCodes.TopicGatewayMismatch, $"record names gateway '{SenmlParser.Printable(nameGateway)}' but the topic is gateway '{gateway}'", index);
            }

            if (record.ValueKind is SenmlValueKind.String or SenmlValueKind.Boolean or SenmlValueKind.Data)
            {
                errors.Add(ReasonCodes.UnsupportedField, "gateway packs carry numbers only (v), not vs, vb or vd", index);
                continue;
            }

            if (record.Sum is not null)
            {
                errors.Add(ReasonCodes.UnsupportedField, "gateway packs do not use sums (s, bs)", index);
                continue;
            }

            if (record.UpdateTime is not null)
            {
                errors.Add(ReasonCodes.UnsupportedField, "gateway packs do not use update time (ut)", index);
            }

            if (sensorSpan.IsEmpty)
            {
                // The sequence record.
                sequenceRecords++;
                if (sequenceRecords > 1)
                {
                    errors.Add(ReasonCodes.DuplicateSequence, "the pack has more than one seq record", index);
                    continue;
                }

                if (record.Unit is not null and not SenmlUnits.Count)
                {
                    errors.Add(ReasonCodes.UnitMismatch, $"seq has unit '{record.Unit}'; it takes no unit or 'count'", index);
                }

                if (record.Value < 0 || record.Value > GatewayPack.MaxSequence || Math.Floor(record.Value) != record.Value)
                {
                    errors.Add(ReasonCodes.InvalidSequence, $"seq {record.Value.ToString(CultureInfo.InvariantCulture)} is not a whole number in 0..2^53-1", index);
                    continue;
                }

                sequence = (long)record.Value;
                continue;
            }

            var ok = true;
            // The parsers hand out the catalogue's own string for a catalogue name: found by identity without hashing.
            if (!(baseSensor is not null && TryGetByIdentity(record.LocalName, out var quantity)) && !Quantities.TryGet(quantitySpan, out quantity))
            {
                errors.Add(ReasonCodes.UnknownQuantity, $"quantity '{SenmlParser.Printable(quantitySpan)}' is not in the catalogue", index);
                continue;
            }

            if (record.Unit is null)
            {
                errors.Add(ReasonCodes.MissingUnit, $"{quantity.Name} has no unit; it is sent in '{quantity.Unit}'", index);
                ok = false;
            }
            else if (!ReferenceEquals(record.Unit, quantity.Unit) && record.Unit != quantity.Unit)
            {
                errors.Add(ReasonCodes.UnitMismatch, $"{quantity.Name} is sent in '{quantity.Unit}', not '{record.Unit}'", index);
                ok = false;
            }

            var problem = quantity.Check(record.Value);
            if (problem is not null)
            {
                errors.Add(problem, GatewayPackEncoder.DescribeValueProblem(problem, quantity, record.Value), index);
                ok = false;
            }

            DateTimeOffset captured = default;
            if (!record.IsAbsoluteTime)
            {
                errors.Add(ReasonCodes.RelativeTime, $"time {record.Time.ToString(CultureInfo.InvariantCulture)} is relative (below 2^28 s); readings carry absolute capture times", index);
                ok = false;
            }
            else if (!SenmlTime.TryFromUnixSeconds(record.Time, out captured) || captured > latest)
            {
                errors.Add(ReasonCodes.FutureTimestamp, $"capture time {record.Time.ToString(CultureInfo.InvariantCulture)} is more than {_options.MaxFutureSkew} ahead of {now:O}", index);
                ok = false;
            }
            else if (captured < earliest)
            {
                errors.Add(ReasonCodes.TimestampTooOld, $"capture time {captured:O} is more than {_options.MaxAge.TotalDays.ToString(CultureInfo.InvariantCulture)} days old", index);
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var sensor = baseSensor ?? (lastSensor is not null && sensorSpan.SequenceEqual(lastSensor) ? lastSensor : sensorSpan.ToString());
            lastSensor = sensor;
            if (IsDuplicate(readings, seen, sensor, quantity.Name, captured.UtcTicks))
            {
                errors.Add(ReasonCodes.DuplicateReading, $"{sensor} {quantity.Name} at {captured:O} appears twice", index);
                continue;
            }

            readings.Add(new Reading(sensor, quantity.Kind, quantity.Name, record.Value, quantity.Unit, captured));
        }

        if (records.Count == 0)
        {
            if (errors.Count == 0)
            {
                errors.Add(ReasonCodes.EmptyPack, "the pack holds no records with values");
            }
        }
        else
        {
            if (sequenceRecords == 0)
            {
                errors.Add(ReasonCodes.MissingSequence, "the pack has no urn:dev:ss:{gateway}:seq record");
            }

            if (readings.Count == 0 && errors.Count == 0)
            {
                errors.Add(ReasonCodes.NoReadings, "the pack has a sequence number but no readings");
            }
        }

        if (errors.Count != 0 || site is null || gateway is null || sequence is null)
        {
            return new PackDecodeResult(null, errors.Errors, site, gateway, sequence);
        }

        return new PackDecodeResult(new GatewayPack(gateway, site, sequence.Value, readings), [], site, gateway, sequence);
    }

    /// <summary>The quantity whose catalogue name is this very string instance (what both parsers hand out for a
    /// catalogue name); a quicker first try than hashing the name.</summary>
    private static bool TryGetByIdentity(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QuantityDefinition? quantity)
    {
        foreach (var candidate in Catalogue)
        {
            if (ReferenceEquals(candidate.Name, name))
            {
                quantity = candidate;
                return true;
            }
        }

        quantity = null;
        return false;
    }

    /// <summary>True when the reading (sensor, quantity, capture time) is already among <paramref name="readings"/>;
    /// otherwise it counts as seen. Small packs are scanned, larger ones hashed.</summary>
    private static bool IsDuplicate(List<Reading> readings, HashSet<(string Sensor, string Quantity, long Ticks)> seen, string sensor, string quantity, long ticks)
    {
        if (readings.Count < LinearDuplicateCheck)
        {
            foreach (var reading in readings)
            {
                // Quantity names are the catalogue's strings, so reference equality is name equality.
                if (reading.CaptureTime.UtcTicks == ticks && ReferenceEquals(reading.Quantity, quantity) && string.Equals(reading.SensorId, sensor, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (seen.Count == 0)
        {
            foreach (var reading in readings)
            {
                seen.Add((reading.SensorId, reading.Quantity, reading.CaptureTime.UtcTicks));
            }
        }

        return !seen.Add((sensor, quantity, ticks));
    }

    /// <summary>
    /// Splits <c>urn:dev:ss:{gateway}:{sensor}:{quantity}</c> (sensor and quantity set) or
    /// <c>urn:dev:ss:{gateway}:seq</c> (sensor and quantity empty).
    /// </summary>
    internal static bool TrySplitName(ReadOnlySpan<char> name, out ReadOnlySpan<char> gateway, out ReadOnlySpan<char> sensor, out ReadOnlySpan<char> quantity)
    {
        gateway = sensor = quantity = default;
        if (!name.StartsWith(GatewayPackEncoder.NamePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[GatewayPackEncoder.NamePrefix.Length..];
        var colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        gateway = rest[..colon];
        if (!Topics.IsValidId(gateway))
        {
            return false;
        }

        rest = rest[(colon + 1)..];
        if (rest.SequenceEqual(GatewayPackEncoder.SequenceName))
        {
            return true;
        }

        colon = rest.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        sensor = rest[..colon];
        quantity = rest[(colon + 1)..];
        return Topics.IsValidId(sensor) && quantity.Length > 0;
    }
}
