using SmartSensors.Testing.Processes;

namespace SmartSensors.Mqtt.Tests.Conformance;

/// <summary>
/// Prepares Mosquitto's client test-suite once for <see cref="MosquittoClientSuiteTests"/>: scripts/mqtt-conformance.sh
/// --prepare-only fetches Debian's mosquitto 2.0.11 source package into .cache/ (first run only), regenerates the expired
/// test certificates and writes the wrappers that start the conformance client. A failure is kept and reported by every test.
/// </summary>
public sealed class MosquittoClientSuiteFixture : IAsyncLifetime
{
    /// <summary>Fetching the source and regenerating ~10 RSA keys the first time; building the client if it is not built.</summary>
    private static readonly TimeSpan PrepareTimeout = TimeSpan.FromMinutes(10);

    public MosquittoClientSuiteFixture()
    {
        RepositoryRoot = FindRepositoryRoot(AppContext.BaseDirectory);
        Script = Path.Combine(RepositoryRoot, "scripts", "mqtt-conformance.sh");

        // The client built by the same build as this test assembly (bin/<Configuration>/<tfm>/; ./test.sh builds the whole
        // solution first). When it is missing or older than the library or its own sources, the script builds it (Release).
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent?.Name ?? "Release";
        var clientProject = Path.Combine(RepositoryRoot, "tests", "SmartSensors.Mqtt.ConformanceClient");
        var clientDll = Path.Combine(clientProject, "bin", configuration, testOutput.Name, "SmartSensors.Mqtt.ConformanceClient.dll");
        ClientArguments = IsCurrent(clientDll, clientProject) ? ["--client-dll", clientDll] : [];
    }

    public string RepositoryRoot { get; }

    public string Script { get; }

    /// <summary>Arguments that tell the script which client to use: the one built by this build when it is current, else the
    /// one the preparation built.</summary>
    public IReadOnlyList<string> ClientArguments { get; private set; }

    /// <summary>Null when the suite is ready; otherwise why not, with the script's output.</summary>
    public string? PrepareError { get; private set; }

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await RunScriptAsync(["--prepare-only", .. ClientArguments], PrepareTimeout);
        var client = output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith("client: ", StringComparison.Ordinal));
        if (exitCode != 0 || client is null)
        {
            PrepareError = $"scripts/mqtt-conformance.sh --prepare-only failed (exit code {exitCode}), so Mosquitto's client test-suite could not run:{Environment.NewLine}{output}";
            return;
        }

        ClientArguments = ["--client-dll", client["client: ".Length..]];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs scripts/mqtt-conformance.sh with <paramref name="arguments"/>; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunScriptAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var bash = RequiredTool.Find("bash", "bash");
        await using var process = ChildProcess.Start(bash, [Script, .. arguments], "scripts/mqtt-conformance.sh", RepositoryRoot);
        try
        {
            var exitCode = await process.WaitForExitAsync(timeout);
            return (exitCode, process.RecentOutput);
        }
        catch (TimeoutException)
        {
            return (-1, process.Describe($"scripts/mqtt-conformance.sh {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s"));
        }
    }

    /// <summary>The built client uses the same SmartSensors.Mqtt.dll as this test assembly and is newer than its sources.</summary>
    private static bool IsCurrent(string clientDll, string clientProject)
    {
        var library = new FileInfo(Path.Combine(AppContext.BaseDirectory, "SmartSensors.Mqtt.dll"));
        var clientLibrary = new FileInfo(Path.Combine(Path.GetDirectoryName(clientDll)!, "SmartSensors.Mqtt.dll"));
        if (!File.Exists(clientDll) || !library.Exists || !clientLibrary.Exists || library.Length != clientLibrary.Length
            || !File.ReadAllBytes(library.FullName).AsSpan().SequenceEqual(File.ReadAllBytes(clientLibrary.FullName)))
        {
            return false;
        }

        var built = File.GetLastWriteTimeUtc(clientDll);
        return Directory.EnumerateFiles(clientProject, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .All(f => File.GetLastWriteTimeUtc(f) <= built);
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSensors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SmartSensors.sln not found above {start}: the conformance tests run from the repository's build output.");
    }
}
