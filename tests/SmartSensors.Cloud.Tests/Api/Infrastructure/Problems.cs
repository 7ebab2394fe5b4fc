using System.Net;
using System.Text.Json;

namespace SmartSensors.Cloud.Tests.Api.Infrastructure;

/// <summary>Checks RFC 7807 answers.</summary>
internal static class Problems
{
    /// <summary>Asserts <paramref name="response"/> is a problem+json with <paramref name="status"/>; returns its body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 problem whose detail and <c>parameter</c> name <paramref name="parameter"/>.</summary>
    public static async Task AssertBadParameterAsync(HttpResponseMessage response, string parameter)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
