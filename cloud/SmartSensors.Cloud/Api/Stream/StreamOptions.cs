using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Cloud.Api.Stream;

/// <summary>Live stream settings (<c>Api:Stream</c>).</summary>
internal sealed class StreamOptions
{
    /// <summary>Events buffered per client; a client that falls this far behind is disconnected (it reconnects and
    /// reloads), so a slow reader never holds unbounded memory.</summary>
    [Range(16, 100_000, ErrorMessage = "Api:Stream:ClientBuffer must be between 16 and 100,000.")]
    public int ClientBuffer { get; set; } = 1_024;

    /// <summary>Most clients streaming at once (more get 503).</summary>
    [Range(1, 100_000, ErrorMessage = "Api:Stream:MaxClients must be between 1 and 100,000.")]
    public int MaxClients { get; set; } = 200;

    /// <summary>A comment line is sent after this much silence, so proxies keep the connection open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Api:Stream:Heartbeat must be between 1 second and 10 minutes.")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>MQTT client id of the live subscription (clean session, QoS 0); a random suffix is added when empty.</summary>
    [RegularExpression("^[0-9A-Za-z_-]{0,64}$", ErrorMessage = "Api:Stream:ClientId must be 0-64 characters [0-9A-Za-z_-].")]
    public string ClientId { get; set; } = "";
}
