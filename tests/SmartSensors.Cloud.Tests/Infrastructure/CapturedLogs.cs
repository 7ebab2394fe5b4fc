using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>Keeps every formatted log message (with its exception) a host writes.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Text)> _entries = new();
    private readonly ConcurrentBag<(Func<int, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<string> Texts => [.. _entries.Select(e => e.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Completes when an entry with an event id matching <paramref name="match"/> has been written.</summary>
    public Task WaitForEventAsync(Func<int, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, done));
        if (_entries.Any(e => match(e.EventId)))
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(timeout);
    }

    public void Dispose()
    {
    }

    private void Add(int eventId, string text)
    {
        _entries.Enqueue((eventId, text));
        foreach (var (match, done) in _waiters)
        {
            if (match(eventId))
            {
                done.TrySetResult();
            }
        }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(eventId.Id, $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
