namespace SmartSensors.Contracts;

/// <summary>
/// The stable reason codes a payload can be refused with. They are part of the wire contract: dead-letter stores,
/// metrics and dashboards key on them, so existing codes never change meaning.
/// </summary>
public static class ReasonCodes
{
    // Payload-level: decoding stops at the first of these.

    /// <summary>The payload is larger than the configured byte limit.</summary>
    public const string TooLarge = "too_large";
    /// <summary>The payload is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "invalid_utf8";
    /// <summary>The payload is not well-formed JSON (includes truncation, NaN/Infinity literals, trailing data).</summary>
    public const string MalformedJson = "malformed_json";
    /// <summary>The top-level JSON value is not an array.</summary>
    public const string NotAnArray = "not_an_array";
    /// <summary>An element of the pack array is not a JSON object.</summary>
    public const string RecordNotObject = "record_not_object";
    /// <summary>JSON nesting deeper than pack → record → value (depth &gt; 2).</summary>
    public const string TooDeep = "too_deep";
    /// <summary>More records than the configured limit.</summary>
    public const string TooManyRecords = "too_many_records";
    /// <summary>The pack array is empty.</summary>
    public const string EmptyPack = "empty_pack";

    // Record-level SenML (RFC 8428) rules.

    /// <summary>A field appears twice in one record.</summary>
    public const string DuplicateField = "duplicate_field";
    /// <summary>A field has the wrong JSON type (e.g. a number given as a string).</summary>
    public const string WrongType = "wrong_type";
    /// <summary>A number is NaN, infinite, or too large for a double (e.g. 1e400).</summary>
    public const string NotFinite = "not_finite";
    /// <summary>A field whose name ends in '_' (must-understand, RFC 8428 §4.4) that we do not understand.</summary>
    public const string UnknownMandatoryField = "unknown_mandatory_field";
    /// <summary>A resolved name is empty, too long, starts with a non-alphanumeric or contains characters outside RFC 8428 §4.5.1.</summary>
    public const string InvalidName = "invalid_name";
    /// <summary><c>bver</c> is not a version we implement (10 or lower, or 26).</summary>
    public const string UnsupportedVersion = "unsupported_version";
    /// <summary>Records declare different <c>bver</c> values.</summary>
    public const string InconsistentVersion = "inconsistent_version";
    /// <summary>A unit that is not in the unit table.</summary>
    public const string UnknownUnit = "unknown_unit";
    /// <summary>A secondary unit (RFC 8798) in a pack that does not declare <c>bver</c> 26.</summary>
    public const string SecondaryUnitWithoutBver = "secondary_unit_without_bver";
    /// <summary>A record carries more than one of v, vs, vb, vd.</summary>
    public const string MultipleValues = "multiple_values";

    // Gateway pack rules (this contract on top of SenML).

    /// <summary>The topic is not an <c>ss/v1/{site}/{gateway}/readings</c> topic.</summary>
    public const string InvalidTopic = "invalid_topic";
    /// <summary>A record names a gateway other than the one in the topic.</summary>
    public const string TopicGatewayMismatch = "topic_gateway_mismatch";
    /// <summary>A resolved name is not <c>urn:dev:ss:{gateway}:{sensor}:{quantity}</c> or <c>urn:dev:ss:{gateway}:seq</c>.</summary>
    public const string InvalidBaseName = "invalid_base_name";
    /// <summary>The quantity is not in the catalogue.</summary>
    public const string UnknownQuantity = "unknown_quantity";
    /// <summary>The unit is known but is not the quantity's unit.</summary>
    public const string UnitMismatch = "unit_mismatch";
    /// <summary>A reading has no unit (neither u nor bu).</summary>
    public const string MissingUnit = "missing_unit";
    /// <summary>A reading has no numeric value.</summary>
    public const string MissingValue = "missing_value";
    /// <summary>A value outside the quantity's physically possible range.</summary>
    public const string OutOfRange = "out_of_range";
    /// <summary>A count that is not a whole number.</summary>
    public const string NotInteger = "not_integer";
    /// <summary>A capture time further in the future than the allowed clock skew.</summary>
    public const string FutureTimestamp = "future_timestamp";
    /// <summary>A capture time older than the allowed age.</summary>
    public const string TimestampTooOld = "timestamp_too_old";
    /// <summary>A reading without an absolute capture time (SenML time below 2^28 is relative to "now").</summary>
    public const string RelativeTime = "relative_time";
    /// <summary>The pack has no <c>seq</c> record.</summary>
    public const string MissingSequence = "missing_sequence";
    /// <summary>The pack has more than one <c>seq</c> record.</summary>
    public const string DuplicateSequence = "duplicate_sequence";
    /// <summary>The sequence number is not a whole number in 0..2^53-1.</summary>
    public const string InvalidSequence = "invalid_sequence";
    /// <summary>A SenML field this contract does not use in gateway packs (s, vs, vb, vd, ut).</summary>
    public const string UnsupportedField = "unsupported_field";
    /// <summary>The pack has a sequence number but no readings.</summary>
    public const string NoReadings = "no_readings";
    /// <summary>The same sensor, quantity and capture time appear twice.</summary>
    public const string DuplicateReading = "duplicate_reading";
}
