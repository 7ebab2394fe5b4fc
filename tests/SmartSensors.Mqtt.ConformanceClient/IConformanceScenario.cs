namespace SmartSensors.Mqtt.ConformanceClient;

/// <summary>One C twin of Mosquitto's test/lib/c, re-done with our MQTT client.</summary>
internal interface IConformanceScenario
{
    /// <summary>The C twin's name (test/lib/c/&lt;Name&gt;.c), also the first command-line argument.</summary>
    string Name { get; }

    /// <summary>Runs the scenario and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
