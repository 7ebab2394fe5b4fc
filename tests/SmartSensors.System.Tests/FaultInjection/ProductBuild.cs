using SmartSensors.Testing.Processes;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// Where the real programs under test were built: this project references the edge and cloud hosts with
/// <c>ReferenceOutputAssembly=false</c>, so they are built first, into their own <c>bin/{Configuration}/{tfm}</c>
/// folders, in the configuration these tests were built in.
/// </summary>
internal static class ProductBuild
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The target framework folder of this test assembly (e.g. net10.0).</summary>
    public static string TargetFramework => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    /// <summary>The build configuration of this test assembly (Debug or Release).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The repository root (the folder holding SmartSensors.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The gateway program, <c>smartsensors-edge.dll</c>.</summary>
    public static string EdgeDll => Program("edge/SmartSensors.Edge", "smartsensors-edge.dll");

    /// <summary>The cloud program, <c>smartsensors-cloud.dll</c>.</summary>
    public static string CloudDll => Program("cloud/SmartSensors.Cloud", "smartsensors-cloud.dll");

    /// <summary>The folder the cloud program was built into (its content root: appsettings.json).</summary>
    public static string CloudDirectory => Path.GetDirectoryName(CloudDll)!;

    /// <summary>The dotnet host running the tests (so children use the same runtime).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : RequiredTool.Find("dotnet", "dotnet-sdk-10.0");

    private static string Program(string project, string dll)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, TargetFramework, dll);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build tests/SmartSensors.System.Tests (it builds {project} too) in {Configuration}.");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSensors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SmartSensors.sln above {AppContext.BaseDirectory}.");
    }
}
