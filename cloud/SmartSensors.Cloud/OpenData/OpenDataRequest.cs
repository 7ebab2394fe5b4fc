using System.Globalization;

namespace SmartSensors.Cloud.OpenData;

/// <summary>A validated open-data request: the stations of one kind, a time range aligned to whole windows, the window
/// and the output format.</summary>
internal sealed record OpenDataRequest(string Kind, IReadOnlyList<OpenDataStation> Stations, DateTimeOffset From, DateTimeOffset To, TimeSpan Window, bool Csv)
{
    /// <summary>The most windows (rows per station) the range spans.</summary>
    public long Windows => (To - From).Ticks / Window.Ticks;

    /// <summary>Identifies the response (for the in-memory cache).</summary>
    public string CacheKey => string.Create(CultureInfo.InvariantCulture,
        $"{Kind}|{string.Join(',', Stations.Select(s => s.Id))}|{From.UtcTicks}|{To.UtcTicks}|{Window.Ticks}|{(Csv ? "csv" : "json")}");
}
