namespace SmartSensors.Influx.Write;

/// <summary>What became of an enqueued item.</summary>
public enum WriteStatus
{
    /// <summary>Every line was stored: InfluxDB answered 2xx for the request containing it.</summary>
    Written = 0,

    /// <summary>InfluxDB permanently refused at least one line (bad line, field-type conflict, outside retention);
    /// the item's other lines were stored. Retrying will not help: dead-letter it.</summary>
    Rejected = 1,

    /// <summary>Not known to be stored (writer stopped, or MaxAttempts exhausted). Do not acknowledge: redeliver later.</summary>
    Failed = 2,
}
