using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void Next_AskedManyTimes_NeverHandsOutTheSamePortTwice()
    {
        // A fixture that asks for two ports (plain + TLS) must get two different ones, or its server cannot start.
        var ports = Enumerable.Range(0, 500).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }
}
