using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Tests;

public sealed class RequiredToolTests
{
    [Fact]
    public void Find_MissingProgram_MessageNamesPackageToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RequiredTool.Find("no-such-server-binary", "some-debian-package"));

        Assert.Contains("apt-get install -y some-debian-package", error.Message);
        Assert.Contains("no-such-server-binary", error.Message);
    }

    [Fact]
    public void Find_InstalledMosquitto_ReturnsExistingPath()
    {
        var path = RequiredTool.Find("mosquitto", "mosquitto");

        Assert.True(File.Exists(path));
    }
}
