using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SmartSensors.Testing.Processes;

/// <summary>
/// A server started as a child process for a test. Its output is kept (bounded) for diagnostics, and it
/// is killed when disposed, or when the test host exits, so no server outlives the test run.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 400;
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }
        };
    }

    private ChildProcess(Process process, string displayName)
    {
        _process = process;
        DisplayName = displayName;
    }

    /// <summary>A short name for messages, e.g. "mosquitto on 127.0.0.1:41234".</summary>
    public string DisplayName { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string displayName, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, displayName);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {displayName} ({fileName}).");
        }

        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends a POSIX signal (see <see cref="Signals"/>).</summary>
    public void Signal(int signal) => Signals.Send(_process.Id, signal);

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited in between
            }
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        Running.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM (a clean shutdown), then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            try
            {
                Signal(Signals.SigTerm);
                // A stopped (SIGSTOP) process cannot act on SIGTERM until continued.
                Signal(Signals.SigCont);
            }
            catch (InvalidOperationException)
            {
                // exited in between
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // did not stop in time
            }
        }

        await KillAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Waits until the process writes a line matching <paramref name="predicate"/> (lines already
    /// written count too), and returns it. Fails if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (predicate(line))
            {
                found.TrySetResult(line);
            }
        }

        LineWritten += Check;
        try
        {
            foreach (var line in _output)
            {
                Check(line);
            }

            await Task.WhenAny(found.Task, _exited.Task).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (!found.Task.IsCompleted)
            {
                // Exited: the last lines may still be on their way through the pipes.
                await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }

            if (found.Task.IsCompleted)
            {
                return await found.Task.ConfigureAwait(false);
            }

            throw new InvalidOperationException(Describe("exited before writing the expected line."));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Describe($"did not write the expected line within {timeout.TotalSeconds} s."));
        }
        finally
        {
            LineWritten -= Check;
        }
    }

    /// <summary>
    /// Start-up of a server: polls <paramref name="probe"/> (every 50 ms, or at once when the process exits)
    /// until it answers true. Fails with the process's output if it exits first or is not ready in time.
    /// </summary>
    /// <param name="probe">Asks the server whether it is ready; false (or a connection error it catches) means "not yet".</param>
    /// <param name="timeout">How long start-up may take.</param>
    /// <param name="readiness">What ready means, for the message, e.g. "answer /ping".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, string readiness, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (HasExited)
            {
                // The exit can be seen before the pipes are drained; the server's last words explain the failure.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException(Describe("exited during start-up (bad configuration, or its port was taken)."));
            }

            try
            {
                if (await probe(deadline.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(Describe($"did not {readiness} within {timeout.TotalSeconds} s."));
            }

            await Task.WhenAny(Exited, Task.Delay(50, deadline.Token)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Describe($"did not exit within {timeout.TotalSeconds} s."));
        }

        return _process.ExitCode;
    }

    private event Action<string>? LineWritten;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        LineWritten?.Invoke(line);
        while (_output.Count > MaxKeptLines && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>Formats an error message that includes the process's recent output.</summary>
    public string Describe(string problem)
    {
        var builder = new StringBuilder();
        builder.Append(DisplayName).Append(": ").AppendLine(problem);
        builder.AppendLine("--- recent output ---");
        builder.Append(RecentOutput);
        return builder.ToString();
    }
}
