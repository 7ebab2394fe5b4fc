using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmartSensors.Edge.Configuration;

/// <summary>Turns an invalid configuration into a short message naming each bad setting, and exit code 2.</summary>
internal static class StartupErrors
{
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>Validates every options class registered with <c>ValidateOnStart</c>, then runs the host.</summary>
    public static async Task<int> RunAsync(IHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            // Before the host starts, so a bad setting gives this short message rather than a start-up stack trace.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await ReportAsync(error, ex.Failures).ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options classes failed: the start-up validator reports them together.
            await ReportAsync(error, ex.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)).ConfigureAwait(false);
            return InvalidConfigurationExitCode;
        }
    }

    private static async Task ReportAsync(TextWriter error, IEnumerable<string> failures)
    {
        await error.WriteLineAsync("smartsensors-edge: invalid configuration, not starting:").ConfigureAwait(false);
        foreach (var failure in failures)
        {
            await error.WriteLineAsync("  " + Simplify(failure)).ConfigureAwait(false);
        }
    }

    /// <summary>"DataAnnotation validation failed for 'X' members: 'Y' with the error: 'msg'." → "msg".</summary>
    internal static string Simplify(string failure)
    {
        // Source-generated validators report "Member: message"; our messages start with the full setting name.
        var settingStart = failure.IndexOf(": SmartSensors:", StringComparison.Ordinal);
        if (settingStart > 0 && !failure[..settingStart].Contains(' ', StringComparison.Ordinal))
        {
            return failure[(settingStart + 2)..];
        }

        const string marker = "with the error: '";
        var start = failure.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !failure.StartsWith("DataAnnotation validation failed", StringComparison.Ordinal))
        {
            return failure;
        }

        var message = failure[(start + marker.Length)..];
        return message.EndsWith("'.", StringComparison.Ordinal) ? message[..^2] : message.TrimEnd('\'');
    }
}
