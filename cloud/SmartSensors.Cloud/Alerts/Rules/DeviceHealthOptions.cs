using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Alerts.Rules;

/// <summary>The device-health rules (section <c>Alerts:DeviceHealth</c>).</summary>
internal sealed class DeviceHealthOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long a gateway may be offline (its MQTT will / offline status) before it is reported — a reboot
    /// or a network blip should not page anyone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Alerts:DeviceHealth:OfflineGrace must be between 0 and 1 day.")]
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A gateway that says it is online but has sent no readings for this long has missed its heartbeat.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Alerts:DeviceHealth:HeartbeatTimeout must be between 10 seconds and 7 days.")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A sensor of an online gateway that has sent nothing for this long is stale.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Alerts:DeviceHealth:SensorStaleAfter must be between 10 seconds and 7 days.")]
    public TimeSpan SensorStaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An outbox-evicting alert clears after this long without a new eviction.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Alerts:DeviceHealth:EvictionClearAfter must be between 10 seconds and 7 days.")]
    public TimeSpan EvictionClearAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sensor read errors within <see cref="FaultWindow"/> that count as repeated faults.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Alerts:DeviceHealth:FaultThreshold must be between 1 and 1,000,000.")]
    public int FaultThreshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Alerts:DeviceHealth:FaultWindow must be between 1 minute and 7 days.")]
    public TimeSpan FaultWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the alerts role subscribes to the broker's <c>$SYS/broker/publish/messages/dropped</c> counter
    /// and raises <c>broker-dropped</c> when it goes up (QoS 1 messages the broker discarded from a full session queue).</summary>
    public bool BrokerDrops { get; set; } = true;

    /// <summary>A broker-dropped alert clears after this long without a further drop.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Alerts:DeviceHealth:BrokerDropClearAfter must be between 10 seconds and 7 days.")]
    public TimeSpan BrokerDropClearAfter { get; set; } = TimeSpan.FromHours(1);
}
