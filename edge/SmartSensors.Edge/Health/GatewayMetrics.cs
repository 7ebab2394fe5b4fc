using System.Diagnostics.Metrics;

namespace SmartSensors.Edge.Health;

/// <summary>The gateway's metrics (meter <c>SmartSensors.Edge</c>), for dotnet-counters or an OpenTelemetry exporter.</summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "SmartSensors.Edge";

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        ReadingsSampled = _meter.CreateCounter<long>("smartsensors.edge.readings.sampled", "{reading}", "Readings taken from sensors");
        SensorErrors = _meter.CreateCounter<long>("smartsensors.edge.sensor.errors", "{error}", "Failed sensor reads");
        ReadingsStored = _meter.CreateCounter<long>("smartsensors.edge.outbox.appended", "{reading}", "Readings committed to the outbox");
        ReadingsEvicted = _meter.CreateCounter<long>("smartsensors.edge.outbox.evicted", "{reading}", "Readings evicted from the full or expired outbox");
        ReadingsAcknowledged = _meter.CreateCounter<long>("smartsensors.edge.uplink.acknowledged", "{reading}", "Readings acknowledged by the broker and deleted");
        PacksPublished = _meter.CreateCounter<long>("smartsensors.edge.uplink.packs", "{pack}", "Packs published");
        PacksReplayed = _meter.CreateCounter<long>("smartsensors.edge.uplink.replayed", "{pack}", "Acknowledged packs sent again after a reconnect (replay window)");
        ReplayWindowOverflowed = _meter.CreateCounter<long>("smartsensors.edge.uplink.replay_window.overflowed", "{pack}", "Acknowledged packs dropped from the full replay window before their time");
    }

    public Counter<long> ReadingsSampled { get; }

    public Counter<long> SensorErrors { get; }

    public Counter<long> ReadingsStored { get; }

    public Counter<long> ReadingsEvicted { get; }

    public Counter<long> ReadingsAcknowledged { get; }

    public Counter<long> PacksPublished { get; }

    public Counter<long> PacksReplayed { get; }

    public Counter<long> ReplayWindowOverflowed { get; }

    public void Dispose() => _meter.Dispose();
}
