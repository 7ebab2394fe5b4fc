namespace SmartSensors.Influx.Query;

/// <summary>What <c>/ping</c> says about the server.</summary>
public sealed class InfluxPing
{
    internal InfluxPing(string? version, string? build)
    {
        Version = version;
        Build = build;
    }

    /// <summary>The <c>X-Influxdb-Version</c> header, e.g. <c>1.6.7~rc0</c> or <c>v2.7.4</c>; null if absent.</summary>
    public string? Version { get; }

    /// <summary>The <c>X-Influxdb-Build</c> header (<c>OSS</c>, <c>ENT</c>, …); null if absent.</summary>
    public string? Build { get; }

    /// <summary>The major version, or null when the header is missing or unreadable.</summary>
    public int? MajorVersion
    {
        get
        {
            ReadOnlySpan<char> text = (Version ?? string.Empty).AsSpan().TrimStart('v');
            int dot = text.IndexOf('.');
            return dot > 0 && int.TryParse(text[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major) ? major : null;
        }
    }

    /// <summary>Whether unsigned fields (<c>u</c> suffix) can be written: InfluxDB 2.x and later accept them; 1.x
    /// release builds answer "invalid number" (measured on 1.6.7). Use it to set InfluxWriterOptions.UnsignedIntegers.</summary>
    public bool SupportsUnsignedIntegers => MajorVersion >= 2;
}
