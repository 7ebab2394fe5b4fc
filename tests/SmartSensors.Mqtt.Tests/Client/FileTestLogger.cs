using Microsoft.Extensions.Logging;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>Appends the client's warnings and errors to a file in the temp directory (to diagnose failing integration tests).</summary>
internal sealed class FileTestLogger : ILogger
{
    public static readonly FileTestLogger Instance = new();
    private static readonly string s_path = Path.Combine(Path.GetTempPath(), "smartsensors-mqtt-tests.log");
    private static readonly Lock s_lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (s_lock)
        {
            File.AppendAllText(s_path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}{Environment.NewLine}");
        }
    }
}
