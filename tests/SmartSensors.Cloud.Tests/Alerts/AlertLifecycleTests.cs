using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Tests.Infrastructure;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Alerts;

/// <summary>The lifecycle against a real SQLite store in a temporary directory, time driven by a manual clock.</summary>
public sealed class AlertLifecycleTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new("alert-lifecycle");
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualClock _clock = new(T0);
    private readonly List<AlertStore> _stores = [];

    [Fact]
    public void Apply_SameLevelAgain_OneOpenAlertAndNoSecondNotification()
    {
        var (lifecycle, store) = Create();
        var first = lifecycle.Apply(Dry(1));
        Assert.NotNull(first);
        Assert.Null(lifecycle.Apply(Dry(1)));
        Assert.Single(store.ListOpen());
        Assert.Single(store.Notifications(first.Id, 100));
    }

    [Fact]
    public void Apply_LevelChanges_UpdatesTheSameAlertAndEscalationNeedsNewAcknowledgement()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(River(1, AlertSeverity.Moderate))!;
        lifecycle.Acknowledge(raised.Id, "duty officer");
        var escalated = lifecycle.Apply(River(3, AlertSeverity.Extreme))!;

        Assert.Equal(raised.Id, escalated.Id);
        Assert.Equal(AlertState.Raised, escalated.State);
        Assert.Null(escalated.AcknowledgedBy);
        Assert.Equal(AlertSeverity.Extreme, escalated.PeakSeverity);
        Assert.Equal([AlertEventKind.Raised, AlertEventKind.Acknowledged, AlertEventKind.Updated], store.History(raised.Id).Select(e => e.Kind));
    }

    [Fact]
    public void RenotifyDue_Unacknowledged_RenotifiedOnceAfterIntervalButNotAfterAcknowledgement()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(Dry(1))!;
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, lifecycle.RenotifyDue());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, lifecycle.RenotifyDue());
        Assert.Equal(0, lifecycle.RenotifyDue());
        Assert.Equal(2, store.Notifications(raised.Id, 100).Count);

        lifecycle.Acknowledge(raised.Id, "operative 7");
        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, lifecycle.RenotifyDue());
        Assert.Equal(3, store.Notifications(raised.Id, 100).Count); // + the acknowledgement to the MQTT channel
        Assert.DoesNotContain(store.Notifications(raised.Id, 100), n => n.Entry.Payload.Contains("alert.renotified", StringComparison.Ordinal) && n.CreatedAt() > T0.AddHours(1));
    }

    [Fact]
    public void Apply_Clear_ResolvesOnceAndTellsSubscribersOnce()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(Dry(1))!;
        var resolved = lifecycle.Apply(Dry(0));
        Assert.NotNull(resolved);
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Null(lifecycle.Apply(Dry(0)));
        Assert.Equal(1, store.Notifications(raised.Id, 100).Count(n => n.Entry.Payload.Contains("alert.resolved", StringComparison.Ordinal)));
        Assert.Empty(store.ListOpen());
    }

    [Fact]
    public void Due_RaisedStillBeingRetried_UpdateWaitsSoTheReceiverSeesThemInOrder()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(River(1, AlertSeverity.Moderate))!;
        lifecycle.Apply(River(2, AlertSeverity.Severe));
        lifecycle.Apply(River(3, AlertSeverity.Extreme));
        var other = lifecycle.Apply(Dry(1))!;

        // One notification per alert and destination at a time: the first of each, never the updates behind it.
        var due = store.Due(_clock.GetUtcNow(), 100);
        Assert.Equal(due.Count, due.Select(d => (d.Entry.AlertId, d.Entry.Channel, d.Entry.Target)).Distinct().Count());
        var head = Assert.Single(due, d => d.Entry.AlertId == raised.Id);
        Assert.Contains("alert.raised", head.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains(due, d => d.Entry.AlertId == other.Id);

        // The receiver is down: while "raised" waits for its retry, the updates behind it wait too.
        store.MarkRetry(head.Id, 1, _clock.GetUtcNow().AddMinutes(5), "503");
        Assert.DoesNotContain(store.Due(_clock.GetUtcNow(), 100), d => d.Entry.AlertId == raised.Id);
        foreach (var item in store.Due(_clock.GetUtcNow(), 100))
        {
            store.MarkSent(item.Id, 1, _clock.GetUtcNow());
        }

        // ... and the dispatcher, asking when to look next, is told the retry time rather than "now" (no busy loop).
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds(), store.NextDue()!.Value.ToUnixTimeMilliseconds());

        var order = new List<string>();
        _clock.Advance(TimeSpan.FromMinutes(5));
        while (store.Due(_clock.GetUtcNow(), 100).FirstOrDefault(d => d.Entry.AlertId == raised.Id && d.Entry.Target == head.Entry.Target) is { } next)
        {
            using var json = System.Text.Json.JsonDocument.Parse(next.Entry.Payload);
            order.Add(json.RootElement.GetProperty("event").GetString()!);
            store.MarkSent(next.Id, 1, _clock.GetUtcNow());
        }

        Assert.Equal(["alert.raised", "alert.updated", "alert.updated"], order);
    }

    [Fact]
    public void Store_ReopenedAfterRestart_KeepsOpenAlertSoTheSameConditionSendsNothing()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(Dry(1))!;
        store.Dispose();

        var (restarted, reopened) = Create();
        Assert.Equal(raised.Id, reopened.FindOpen(RuleIds.Watering, raised.Subject)!.Id);
        Assert.Null(restarted.Apply(Dry(1)));
        Assert.Single(reopened.Notifications(raised.Id, 100));
    }

    [Fact]
    public void Commit_SecondOpenAlertForSameRuleAndSubject_RefusedByTheStore()
    {
        var (lifecycle, store) = Create();
        var raised = lifecycle.Apply(Dry(1))!;
        var duplicate = raised with { Id = Guid.NewGuid().ToString("N") };
        Assert.Throws<InvalidOperationException>(() =>
            store.Commit(duplicate, new AlertEvent(duplicate.Id, 1, AlertEventKind.Raised, T0, AlertSeverity.Minor, "dup", null), []));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _metrics.Dispose();
        _directory.Dispose();
    }

    private (AlertLifecycle Lifecycle, AlertStore Store) Create()
    {
        var options = Options.Create(new AlertsOptions { StorePath = _directory.File("alerts.db"), RenotifyAfter = TimeSpan.FromHours(1) });
        var store = new AlertStore(options);
        _stores.Add(store);
        var lifecycle = new AlertLifecycle(
            store,
            new AlertRouter(options),
            _clock,
            options,
            new AlertsMetrics(_metrics.GetRequiredService<IMeterFactory>()),
            NullLogger<AlertLifecycle>.Instance);
        return (lifecycle, store);
    }

    private ConditionChange Dry(int level) =>
        new(RuleIds.Watering, AlertCategory.Watering, "queens-square", "gw-1", "bed-14", level, AlertSeverity.Minor, "Bed bed-14 needs watering", "dry", 20, _clock.GetUtcNow());

    private ConditionChange River(int level, AlertSeverity severity) =>
        new(RuleIds.FloodLevel, AlertCategory.Flood, "riverside", "gw-2", "level-1", level, severity, "River high", "high", 1.5, _clock.GetUtcNow());
}

/// <summary>Test helpers over outbox items.</summary>
internal static class OutboxItemExtensions
{
    public static DateTimeOffset CreatedAt(this OutboxItem item) => item.Entry.CreatedAt;
}
