using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Influx.Tests;

/// <summary>Captures log events so tests can await one (instead of sleeping).</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _waiters = new();

    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Events { get; } = new();

    public Task<string> WaitForEventAsync(int eventId) =>
        _waiters.GetOrAdd(eventId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception);
        Events.Enqueue((eventId.Id, logLevel, message));
        _waiters.GetOrAdd(eventId.Id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
    }
}
