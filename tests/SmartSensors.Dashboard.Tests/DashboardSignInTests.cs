using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SmartSensors.Contracts;
using SmartSensors.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartSensors.Dashboard.Tests;

/// <summary>Signing in, the sites overview (map and list), and what is public and what is not.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardSignInTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task LinkWithKey_SignsInShowsSitesOnMapAndList_KeyLeavesAddressBar()
    {
        var sites = new[] { ("signin-town-hall", 53.0462, -2.9925), ("signin-bellevue-park", 53.0419, -3.0036), ("signin-acton-park", 53.0573, -2.9912) };
        foreach (var (site, lat, lon) in sites)
        {
            await fixture.Publisher.OnlineAsync(site, "gw-1", lat, lon, new SensorInventoryItem("bed-1", "capacitive", SensorKind.Soil, ["moisture"]));
        }

        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        await Api.UntilAsync(client, "/api/v1/sites", json => sites.All(s => json.EnumerateArray().Any(e => e.GetProperty("site").GetString() == s.Item1)), TimeSpan.FromSeconds(30));

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);

        Assert.DoesNotContain(fixture.Host.AdminKey, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal);
        var stored = await page.EvaluateAsync<string>("sessionStorage.getItem('smartsensors.credentials')");
        Assert.Contains(fixture.Host.AdminKey, stored, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sites", Exact = true })).ToBeVisibleAsync();

        foreach (var (site, _, _) in sites)
        {
            // On the map (a keyboard-reachable link with the status in words) and in the list.
            var marker = page.Locator($"svg.map a[data-site='{site}']");
            await Assertions.Expect(marker).ToBeVisibleAsync();
            await Assertions.Expect(marker).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Working normally|Needs attention|Offline"));
            await Assertions.Expect(page.Locator($"[data-testid='sites-table'] tr[data-site='{site}'] a")).ToBeVisibleAsync();
        }

        // Following a site from the list opens its page.
        await page.Locator("[data-testid='sites-table'] tr[data-site='signin-town-hall'] a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Signin Town Hall");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("svg.map")).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("sites-overview", output);
        dashboard.AssertNoProblems();
    }

    [Fact]
    public async Task WrongKey_StaysOnSignInWithPlainMessage()
    {
        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByLabel("Key or token").FillAsync("ssk_this-is-not-a-real-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-message")).ToContainTextAsync("not accepted");
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('smartsensors.credentials')"));

        // The right key through the same form signs in.
        await page.GetByLabel("Key or token").FillAsync(fixture.Host.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who-name")).ToHaveTextAsync($"Signed in as {DashboardHost.AdminName}");
        dashboard.AssertNoProblems();
    }

    [Fact]
    public async Task DashboardFiles_AnonymousWithSecurityHeaders_DataNeedsAKey()
    {
        using var anonymous = Api.Client(fixture.Host.BaseAddress, key: null);

        using var index = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(index.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(index.Headers.GetValues("Referrer-Policy")));
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"js/app.js\">", html, StringComparison.Ordinal);

        using var script = await anonymous.GetAsync("/js/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        using var data = await anonymous.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        using var thresholdsAnonymous = await anonymous.GetAsync("/dashboard/thresholds");
        Assert.Equal(HttpStatusCode.Unauthorized, thresholdsAnonymous.StatusCode);

        using var staff = Api.Client(fixture.Host.BaseAddress, fixture.Host.OperativeKey);
        var thresholds = await staff.GetFromJsonAsync<JsonElement>("/dashboard/thresholds");
        var station = Assert.Single(thresholds.GetProperty("flood").EnumerateArray());
        Assert.Equal(DashboardHost.RiverSite, station.GetProperty("site").GetString());
        Assert.Equal(DashboardHost.WarningLevel, station.GetProperty("warningLevel").GetDouble());
        Assert.Equal(25, thresholds.GetProperty("watering").GetProperty("threshold").GetDouble());
    }
}
