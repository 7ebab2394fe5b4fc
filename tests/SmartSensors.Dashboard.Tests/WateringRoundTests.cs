using Microsoft.Playwright;
using SmartSensors.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartSensors.Dashboard.Tests;

/// <summary>The operatives' watering round on a phone.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WateringRoundTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task PhoneViewport_OperativeSeesDryBedsDriestFirstWithBigTargets_AndTakesOneOn()
    {
        const string site = "round-park";
        await Packs.DryBedAsync(fixture.Publisher, site, "gw-round", "bed-b", 21);
        await Packs.DryBedAsync(fixture.Publisher, site, "gw-round", "bed-a", 12);
        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.OperativeKey);
        await Api.UntilAsync(client, $"/api/v1/watering-round?site={site}", json => json.GetProperty("sites").EnumerateArray().Sum(s => s.GetProperty("beds").GetArrayLength()) == 2, TimeSpan.FromSeconds(30));

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress, width: 390, height: 844, isMobile: true);
        var page = dashboard.Page;
        // An operative's link opens straight on the round.
        await dashboard.SignInWithLinkAsync(fixture.Host.OperativeKey, DashboardHost.OperativeName);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Watering round", Level = 1 })).ToBeVisibleAsync();

        var beds = page.Locator($"[data-testid='round-bed'][data-site='{site}']");
        await Assertions.Expect(beds).ToHaveCountAsync(2);
        Assert.Equal(["bed-a", "bed-b"], await beds.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.sensor)"));
        await Assertions.Expect(beds.Nth(0)).ToContainTextAsync("Soil moisture 12 %");
        await Assertions.Expect(beds.Nth(0)).ToContainTextAsync("needs water below 25 %");

        // Fits the phone: nothing wider than the screen, touch targets at least 44 px high.
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide on a 390 px screen (sideways scrolling)");
        var button = beds.Nth(0).GetByRole(AriaRole.Button, new() { Name = "I'll water bed-a" });
        var box = await button.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Height >= 44 && box.Width >= 200, $"the bed's button is {box.Width}×{box.Height} px");
        await dashboard.ScreenshotAsync("watering-round-phone", output);

        await button.TapAsync();
        await Assertions.Expect(beds.Nth(0).GetByTestId("bed-status")).ToHaveTextAsync($"Taken on by {DashboardHost.OperativeName}.");
        await Assertions.Expect(beds.Nth(0).GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        dashboard.AssertNoProblems();
    }
}
