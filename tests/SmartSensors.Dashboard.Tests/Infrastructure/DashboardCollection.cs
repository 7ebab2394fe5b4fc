namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>The browser tests share one host and one Chromium (starting them takes most of a test's time).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
