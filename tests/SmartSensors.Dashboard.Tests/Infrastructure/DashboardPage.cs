using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SmartSensors.Dashboard.Tests.Infrastructure;

/// <summary>One browser page on the dashboard, recording script errors and Content-Security-Policy violations.</summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => Record($"uncaught script error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Record($"CSP violation: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Script errors and CSP violations seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Signs in through the <c>#key=</c> link the demo prints, and waits for the signed-in header.</summary>
    public async Task SignInWithLinkAsync(string key, string expectedName)
    {
        await Page.GotoAsync($"/#key={Uri.EscapeDataString(key)}");
        await Assertions.Expect(Page.Locator("#who-name")).ToHaveTextAsync($"Signed in as {expectedName}");
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots and prints its path.</summary>
    public async Task<string> ScreenshotAsync(string name, ITestOutputHelper output)
    {
        var path = Path.Combine(BrowserSession.ScreenshotDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
        return path;
    }

    public void AssertNoProblems() => Assert.True(Problems.Count == 0, "page problems: " + string.Join(" | ", Problems));

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
