using System.ComponentModel.DataAnnotations;
using SmartSensors.Cloud.Api.Stream;

namespace SmartSensors.Cloud.Api;

/// <summary>Bounds of the staff API (configuration section <c>Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Most points one <c>/api/v1/readings</c> answer may hold (range ÷ window).</summary>
    [Range(10, 100_000, ErrorMessage = "Api:MaxPoints must be between 10 and 100,000.")]
    public int MaxPoints { get; set; } = 5_000;

    /// <summary>Longest time range one <c>/api/v1/readings</c> request may span.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3660.00:00:00", ErrorMessage = "Api:MaxRange must be between 1 minute and 3660 days.")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Widest aggregation window accepted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00", ErrorMessage = "Api:MaxWindow must be between 1 minute and 366 days.")]
    public TimeSpan MaxWindow { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Most dead letters one request may ask for.</summary>
    [Range(1, 10_000, ErrorMessage = "Api:MaxDeadLetters must be between 1 and 10,000.")]
    public int MaxDeadLetters { get; set; } = 1_000;

    /// <summary>Most alerts one list request may return.</summary>
    [Range(1, 10_000, ErrorMessage = "Api:MaxAlerts must be between 1 and 10,000.")]
    public int MaxAlerts { get; set; } = 1_000;

    /// <summary>How far back resolved alerts are listed (<c>state=resolved</c> or <c>state=all</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3660.00:00:00", ErrorMessage = "Api:ResolvedAlertsWindow must be between 1 minute and 3660 days.")]
    public TimeSpan ResolvedAlertsWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A gateway that sent readings but no status message counts as online while its last reading is this recent.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Api:OnlineWithin must be between 10 seconds and 1 day.")]
    public TimeSpan OnlineWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The live stream (<c>/api/v1/stream</c>).</summary>
    public StreamOptions Stream { get; set; } = new();
}
