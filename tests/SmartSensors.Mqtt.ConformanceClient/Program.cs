using SmartSensors.Mqtt.ConformanceClient;

// Conformance client for Mosquitto 2.0.11's client test-suite (test/lib/*.py).
// Usage: SmartSensors.Mqtt.ConformanceClient <test-name> <port>
// <test-name> is the name of the C twin in test/lib/c (e.g. 01-con-discon-success); the process does what that C program
// does, with our MQTT client, against 127.0.0.1:<port>, and exits with the C program's exit code semantics.
// Extra arguments are ignored (the Python scripts append the port once more).
if (args.Length >= 1 && args[0] is "--list")
{
    foreach (var name in ScenarioCatalog.Names)
    {
        Console.WriteLine(name);
    }

    return 0;
}

if (args.Length < 2 || !int.TryParse(args[1], out var port) || port is < 1 or > 65535)
{
    Console.Error.WriteLine("usage: SmartSensors.Mqtt.ConformanceClient <test-name> <port 1..65535>   (--list prints the test names)");
    return ExitCodes.Usage;
}

if (!ScenarioCatalog.TryGet(args[0], out var scenario))
{
    Console.Error.WriteLine($"unknown test '{args[0]}'; known: {string.Join(", ", ScenarioCatalog.Names)}");
    return ExitCodes.Usage;
}

return await ScenarioRunner.RunAsync(scenario, port);
