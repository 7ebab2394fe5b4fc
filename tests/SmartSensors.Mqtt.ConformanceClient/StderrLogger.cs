using Microsoft.Extensions.Logging;

namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>Writes the library's log to stderr (the scripts show it on failure). Level from MQTT_CONFORMANCE_LOG (default Warning).</summary>
internal sealed class StderrLogger(string? level) : ILogger
{
    private readonly LogLevel _minimum = Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? parsed : LogLevel.Warning;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"[mqtt {logLevel}] {formatter(state, exception)}";
        Console.Error.WriteLine(exception is null ? line : $"{line}: {exception.GetType().Name}: {exception.Message}");
    }
}
