namespace SmartSensors.Contracts;

/// <summary>What an <c>ss/v1/...</c> topic carries.</summary>
public enum TopicKind
{
    /// <summary><c>ss/v1/{site}/{gateway}/readings</c>: SenML pack, QoS 1, not retained.</summary>
    Readings = 1,

    /// <summary><c>ss/v1/{site}/{gateway}/status</c>: retained birth message; the MQTT will sets it offline.</summary>
    Status = 2,

    /// <summary><c>ss/v1/{site}/{gateway}/config</c>: retained, cloud to gateway.</summary>
    Config = 3,

    /// <summary><c>ss/v1/alerts/{audience}/{site}</c>: alerts published by the cloud.</summary>
    Alerts = 4,
}
