namespace SmartSensors.Cloud.Ingest;

/// <summary>Packs a decode worker took from the broker in one go and queued for InfluxDB as one writer item: the
/// writer then handles (copies, batches, reports) once per group instead of once per pack. Each pack knows which of
/// the item's lines are its own (<see cref="InFlightPack.FirstLine"/>, <see cref="InFlightPack.LineCount"/>), so a
/// line InfluxDB refuses is charged to its own pack only.</summary>
internal sealed class PackGroup
{
    public List<InFlightPack> Packs { get; } = [];

    /// <summary>Lines of all packs so far.</summary>
    public int LineCount { get; set; }
}
