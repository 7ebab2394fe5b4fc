using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>Keeps every formatted log message (with its exception) a host writes, with awaitable conditions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Text)> _entries = new();
    private readonly ConcurrentDictionary<int, int> _counts = new();
    private readonly ConcurrentBag<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<string> Texts => [.. _entries.Select(e => e.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Entries written with <paramref name="eventId"/>.</summary>
    public int Count(int eventId) => _counts.TryGetValue(eventId, out var count) ? count : 0;

    /// <summary>Completes when an entry with an event id matching <paramref name="match"/> has been written.</summary>
    public Task WaitForEventAsync(Func<int, bool> match, TimeSpan timeout) =>
        WaitAsync(() => _entries.Any(e => match(e.EventId)), timeout, "a matching log entry");

    /// <summary>Completes when at least <paramref name="count"/> entries with <paramref name="eventId"/> have been written.</summary>
    public Task WaitForCountAsync(int eventId, int count, TimeSpan timeout) =>
        WaitAsync(() => Count(eventId) >= count, timeout, $"{count} log entries with event {eventId}");

    public void Dispose()
    {
    }

    private async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((condition, done));
        if (condition())
        {
            done.TrySetResult();
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {timeout.TotalSeconds} s. Log:\n{string.Join("\n", Texts)}");
        }
    }

    private void Add(int eventId, string text)
    {
        _entries.Enqueue((eventId, text));
        _counts.AddOrUpdate(eventId, 1, (_, c) => c + 1);
        foreach (var (condition, done) in _waiters)
        {
            if (!done.Task.IsCompleted && condition())
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
