using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartSensors.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartSensors.Dashboard.Tests;

/// <summary>A site's page: live readings over the event stream, river levels against their flood levels, the DAQI tile.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class LiveReadingsTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadingPublishedOverMqtt_AppearsOnSitePageWithoutReload()
    {
        const string site = "live-park";
        const string gateway = "gw-live";
        await fixture.Publisher.ReadingsAsync(site, gateway, Packs.Moisture("bed-1", 31.0, Packs.Now()));
        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        await Api.UntilAsync(client, $"/api/v1/readings/latest?site={site}", json => json.GetArrayLength() > 0, TimeSpan.FromSeconds(30));

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);
        await page.GotoAsync($"/#/sites/{site}");
        var value = page.Locator("[data-testid='readings'] tr[data-sensor='bed-1'] [data-testid='reading-value']");
        await Assertions.Expect(value).ToHaveTextAsync("31.0 %");
        // The page reads the event stream (not the 10-second polling fallback).
        await Assertions.Expect(page.GetByTestId("live-state")).ToHaveTextAsync(LiveText());
        await page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");

        await fixture.Publisher.ReadingsAsync(site, gateway, Packs.Moisture("bed-1", 47.3, Packs.Now().AddSeconds(1)), Packs.Moisture("bed-2", 12.5, Packs.Now().AddSeconds(1)));

        await Assertions.Expect(value).ToHaveTextAsync("47.3 %");
        var newSensor = page.Locator("[data-testid='readings'] tr[data-sensor='bed-2']");
        await Assertions.Expect(newSensor.GetByTestId("reading-value")).ToHaveTextAsync("12.5 %");
        await Assertions.Expect(newSensor).ToContainTextAsync("Needs watering");
        await Assertions.Expect(page.GetByTestId("last-update")).ToContainTextAsync("Updated:");
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        await dashboard.ScreenshotAsync("site-live-readings", output);
        dashboard.AssertNoProblems();
    }

    [Fact]
    public async Task RiverLevel_DrawnAgainstItsFloodLevels()
    {
        const string gateway = "gw-river";
        var now = Packs.Now();
        double[] levels = [0.82, 0.95, 1.05, 1.17, 1.31];
        for (var i = 0; i < levels.Length; i++)
        {
            await fixture.Publisher.ReadingsAsync(DashboardHost.RiverSite, gateway, Packs.Level("level-1", levels[i], now.AddMinutes(-15 * (levels.Length - 1 - i))));
        }

        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        await Api.UntilAsync(client, $"/api/v1/readings/latest?site={DashboardHost.RiverSite}", json => json.EnumerateArray().Any(r => r.GetProperty("value").GetDouble() == 1.31), TimeSpan.FromSeconds(30));

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);
        await page.GotoAsync($"/#/sites/{DashboardHost.RiverSite}");

        var row = page.Locator("[data-testid='readings'] tr[data-sensor='level-1']");
        await Assertions.Expect(row.GetByTestId("reading-value")).ToHaveTextAsync("1.31 m");
        await Assertions.Expect(row).ToContainTextAsync("At or above the flood alert level");
        var chart = page.GetByTestId("chart-level-1-level");
        await Assertions.Expect(chart).ToContainTextAsync("Flood alert level 1.20 m");
        await Assertions.Expect(chart).ToContainTextAsync("Flood warning level 1.80 m");
        await Assertions.Expect(chart).ToContainTextAsync("Severe flood warning level 2.40 m");
        await Assertions.Expect(chart.Locator("polyline.line")).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("river-levels", output);
        dashboard.AssertNoProblems();
    }

    [Fact]
    public async Task NitrogenDioxide_ShowsDaqiTileWithBandColourWordsAndAdvice()
    {
        const string site = "air-square";
        var now = Packs.Now();
        // An hourly mean needs 3 of its 4 quarter-hours; 300 µg/m³ is DAQI 5 (Moderate: 268–334).
        foreach (var minutesAgo in new[] { 40, 25, 10, 0 })
        {
            await fixture.Publisher.ReadingsAsync(site, "gw-air", Packs.No2("no2-1", 300, now.AddMinutes(-minutesAgo)));
        }

        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        await Api.UntilAsync(client, $"/api/v1/air-quality?site={site}", json => json.EnumerateArray().Any(r => r.TryGetProperty("index", out var i) && i.ValueKind == System.Text.Json.JsonValueKind.Number), TimeSpan.FromSeconds(30));

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);
        await page.GotoAsync($"/#/sites/{site}");
        var tile = page.GetByTestId("daqi-tile");
        await Assertions.Expect(tile).ToHaveAttributeAsync("data-index", "5");
        await Assertions.Expect(tile).ToContainTextAsync("Moderate air pollution");
        await Assertions.Expect(tile).ToContainTextAsync("People at higher risk:");
        // The official band colour for index 5 (#FFCF00), with the number and the words beside it.
        var colour = await tile.Locator(".daqi-number").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(255, 207, 0)", colour);
        await dashboard.ScreenshotAsync("daqi-tile", output);
        dashboard.AssertNoProblems();
    }

    [GeneratedRegex("^Live")]
    private static partial Regex LiveText();
}
