namespace SmartSensors.Cloud.Tests.Api.Infrastructure;

/// <summary>The API test classes that share one set of servers and one host.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiServers>
{
    public const string Name = "api-host";
}
