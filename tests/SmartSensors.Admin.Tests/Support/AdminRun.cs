using SmartSensors.Admin.Cli;

namespace SmartSensors.Admin.Tests.Support;

/// <summary>One run of the smartsensors-admin command line, in process, with its exit code and both outputs.</summary>
internal sealed record AdminRun(int ExitCode, string Output, string Error)
{
    public static async Task<AdminRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await AdminCommandLine.RunAsync(args, output, error, timeout.Token);
        return new AdminRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Fails with both outputs when the run did not succeed.</summary>
    public AdminRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"smartsensors-admin exited {ExitCode}:\n{Output}\n{Error}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
