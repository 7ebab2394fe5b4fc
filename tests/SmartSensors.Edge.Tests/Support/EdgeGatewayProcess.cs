using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Support;

/// <summary>The real gateway (the built smartsensors-edge.dll) run as a child process with <c>--config</c>.</summary>
internal static class EdgeGatewayProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "smartsensors-edge.dll");

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : RequiredTool.Find("dotnet", "dotnet-sdk-10.0");

    public static ChildProcess Start(string configFile, string displayName, string workingDirectory) =>
        ChildProcess.Start(
            DotnetHost,
            [DllPath, "--config", configFile],
            displayName,
            workingDirectory,
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["Logging__Console__FormatterName"] = "simple" });
}
