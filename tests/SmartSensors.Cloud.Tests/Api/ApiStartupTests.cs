using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Tests.Api.Infrastructure;

namespace SmartSensors.Cloud.Tests.Api;

/// <summary>Bad security and API settings stop the host at start with messages naming the setting.</summary>
public sealed class ApiStartupTests
{
    [Theory]
    [InlineData("Api:Auth:Jwt:SigningKeys:0:Secret", "AAECAwQFBgcICQoLDA0ODw==", "Api:Auth:Jwt:SigningKeys:0:Secret is 16 bytes")]
    [InlineData("Api:Auth:Jwt:SigningKeys:0:Secret", "not base64!", "Api:Auth:Jwt:SigningKeys:0:Secret must be base64")]
    [InlineData("Api:Auth:Jwt:Audience", "", "Api:Auth:Jwt:Audience is required")]
    [InlineData("Api:Auth:ApiKeys:0:Roles:0", "superuser", "Api:Auth:ApiKeys:0:Roles contains unknown role 'superuser'")]
    [InlineData("Api:RateLimit:PermitsPerMinute", "0", "Api:RateLimit:PermitsPerMinute must be between")]
    [InlineData("Api:MaxPoints", "5", "Api:MaxPoints must be between")]
    [InlineData("Api:Stream:ClientBuffer", "1", "Api:Stream:ClientBuffer must be between")]
    public async Task Start_BadSetting_RefusedNamingIt(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SmartSensors:Roles"] = "api",
            ["Influx:Url"] = "http://127.0.0.1:9/",
            ["Influx:Database"] = "unused",
            ["Api:Auth:Jwt:Issuer"] = "https://idp.example/",
            ["Api:Auth:Jwt:Audience"] = "smartsensors",
            ["Api:Auth:Jwt:SigningKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
            [key] = value,
        };

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiTestHost.StartAsync(settings));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
