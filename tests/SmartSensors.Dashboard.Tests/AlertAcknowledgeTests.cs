using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SmartSensors.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartSensors.Dashboard.Tests;

/// <summary>Alerts raised by a dry bed, acknowledged through the dashboard (by mouse and by keyboard only).</summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertAcknowledgeTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task DryBed_AcknowledgeInAlertList_CardUpdatesInPlaceAndAlertIsAcknowledged()
    {
        const string site = "ack-park";
        var alertId = await RaiseDryBedAlertAsync(site, "gw-ack", "bed-7");

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);
        await page.GotoAsync($"/#/alerts?site={site}");
        var card = page.Locator($"li[data-alert-id='{alertId}']");
        await Assertions.Expect(card).ToContainTextAsync("New – not yet acknowledged");
        await page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");

        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(card.GetByTestId("alert-state")).ToHaveTextAsync($"Status: Acknowledged by {DashboardHost.AdminName}");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.__sameDocument"));
        await dashboard.ScreenshotAsync("alert-acknowledged", output);

        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alertId}");
        var alert = detail.TryGetProperty("alert", out var inner) ? inner : detail;
        Assert.Equal("acknowledged", alert.GetProperty("state").GetString());
        Assert.Equal(DashboardHost.AdminName, alert.GetProperty("acknowledgedBy").GetString());
        dashboard.AssertNoProblems();
    }

    [Fact]
    public async Task KeyboardOnly_TabReachesAcknowledgeWithVisibleFocus_EnterAcknowledges()
    {
        const string site = "kbd-park";
        var alertId = await RaiseDryBedAlertAsync(site, "gw-kbd", "bed-3");

        await using var dashboard = await fixture.Browser.OpenAsync(fixture.Host.BaseAddress);
        var page = dashboard.Page;
        await dashboard.SignInWithLinkAsync(fixture.Host.AdminKey, DashboardHost.AdminName);
        await page.GotoAsync($"/#/alerts?site={site}");
        var card = page.Locator($"li[data-alert-id='{alertId}']");
        await Assertions.Expect(card.GetByTestId("acknowledge")).ToBeVisibleAsync();

        // A fresh load of the page (still signed in: the key is in sessionStorage), then Tab only from the top.
        await page.ReloadAsync();
        await Assertions.Expect(card.GetByTestId("acknowledge")).ToBeVisibleAsync();
        var visited = new List<string>();
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}|${e.dataset.testid ?? ''}|${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}` : ''; }");
            visited.Add(focused);
            reached = focused.StartsWith("button|acknowledge|", StringComparison.Ordinal);
        }

        Assert.True(reached, "Tab never reached the Acknowledge button; focus went: " + string.Join(" → ", visited));
        output.WriteLine("focus order: " + string.Join(" → ", visited));
        Assert.Contains(visited, v => v.StartsWith("a||Skip to main content", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.StartsWith("select|", StringComparison.Ordinal));
        var focusStyle = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`; }");
        Assert.True(!focusStyle.StartsWith("none", StringComparison.Ordinal) || focusStyle.Contains("rgb", StringComparison.Ordinal), $"the focused button shows no focus indicator: {focusStyle}");
        await dashboard.ScreenshotAsync("keyboard-focus-on-acknowledge", output);

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(card.GetByTestId("alert-state")).ToHaveTextAsync($"Status: Acknowledged by {DashboardHost.AdminName}");
        // Focus lands on the new status, not lost to the top of the page.
        Assert.Equal("alert-state", await page.EvaluateAsync<string>("() => document.activeElement?.dataset.testid ?? ''"));
        dashboard.AssertNoProblems();
    }

    private async Task<string> RaiseDryBedAlertAsync(string site, string gateway, string bed)
    {
        await Packs.DryBedAsync(fixture.Publisher, site, gateway, bed, 18);
        using var client = Api.Client(fixture.Host.BaseAddress, fixture.Host.AdminKey);
        var alerts = await Api.UntilAsync(client, $"/api/v1/alerts?site={site}", json => json.EnumerateArray().Any(a => a.GetProperty("sensor").GetString() == bed && a.GetProperty("state").GetString() == "raised"), TimeSpan.FromSeconds(30));
        return alerts.EnumerateArray().First(a => a.GetProperty("sensor").GetString() == bed).GetProperty("id").GetString()!;
    }
}
