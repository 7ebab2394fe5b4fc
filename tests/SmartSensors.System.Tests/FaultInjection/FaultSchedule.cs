using System.Diagnostics;
using System.Globalization;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// A seeded random schedule: in each round every fault of the catalogue once, in a shuffled order, each after a random
/// gap while readings flow and lasting a random downtime. The random gaps and downtimes are the point (they are the
/// "random moments"); recovery is awaited by events (ready lines, CONNACK, /ping), never by a sleep.
/// </summary>
internal sealed class FaultSchedule(Random random, FaultSettings settings, Action<string> log)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Injected { get; private set; }

    public List<string> History { get; } = [];

    public List<FaultEvent> Events { get; } = [];

    public async Task RunAsync(IReadOnlyList<Fault> catalogue, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var order = catalogue.ToArray();
            random.Shuffle(order);
            foreach (var fault in order)
            {
                var gap = Between(settings.MinGap, settings.MaxGap);
                var downtime = Between(TimeSpan.Zero, fault.Downtime);
                await Task.Delay(gap, cancellationToken); // a random moment while readings flow (fault injection, not synchronisation)
                var started = _clock.Elapsed;
                var injected = DateTimeOffset.UtcNow;
                Record(string.Create(CultureInfo.InvariantCulture, $"round {round}: {fault.Name} for {downtime.TotalMilliseconds:F0} ms (after {gap.TotalMilliseconds:F0} ms)"));
                await fault.InjectAndRecover(downtime, cancellationToken);
                Injected++;
                Events.Add(new FaultEvent(fault.Name, injected, DateTimeOffset.UtcNow));
                Record(string.Create(CultureInfo.InvariantCulture, $"round {round}: {fault.Name}: recovered, ready again after {(_clock.Elapsed - started).TotalSeconds:F1} s"));
            }
        }
    }

    private void Record(string line)
    {
        var entry = string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s, {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC] {line}");
        History.Add(entry);
        log(entry);
    }

    private TimeSpan Between(TimeSpan min, TimeSpan max) =>
        min + TimeSpan.FromMilliseconds(random.NextDouble() * (max - min).TotalMilliseconds);
}
