using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Rules;

namespace SmartSensors.Cloud.OpenData;

/// <summary>The published stations (from <c>OpenData:Stations</c>), with river thresholds taken from the station or
/// else from its <c>Alerts:Flood</c> entry, and the way back from a series' internal tags to its public station.</summary>
internal sealed class StationDirectory
{
    private readonly Dictionary<OpenDataStation, PublishedStation> _byConfig = [];
    private readonly Dictionary<(string Kind, string Site, string Gateway, string Sensor), PublishedStation> _bySeries = [];

    public StationDirectory(IOptions<OpenDataOptions> options, FloodOptions flood)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(flood);
        var all = new List<PublishedStation>();
        foreach (var s in options.Value.Stations)
        {
            RiverThresholds? thresholds = null;
            if (s.Kind == StationKinds.RiverLevel)
            {
                if (s.AlertLevel is { } a && s.WarningLevel is { } w && s.SevereLevel is { } v)
                {
                    thresholds = new(a, w, v);
                }
                else if (flood.For(s.Site, s.Gateway, s.Sensor) is { } f)
                {
                    thresholds = new(f.AlertLevel, f.WarningLevel, f.SevereLevel);
                }
            }

            var published = new PublishedStation(s, PublishedStation.Coarse(s.Latitude), PublishedStation.Coarse(s.Longitude), thresholds);
            all.Add(published);
            _byConfig[s] = published;
            _bySeries[(s.Kind, s.Site, s.Gateway, s.Sensor)] = published;
        }

        All = all;
    }

    /// <summary>Every published station, in configuration order.</summary>
    public IReadOnlyList<PublishedStation> All { get; }

    /// <summary>The published form of a configured station.</summary>
    public PublishedStation Of(OpenDataStation station) => _byConfig[station];

    /// <summary>The station publishing a series of <paramref name="kind"/>, or null when it is not published.</summary>
    public PublishedStation? Find(string kind, string site, string gateway, string sensor) =>
        _bySeries.GetValueOrDefault((kind, site, gateway, sensor));
}
