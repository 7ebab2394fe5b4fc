using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.Registry;

/// <summary>
/// The gateways the cloud knows, from the retained <c>ss/v1/{site}/{gateway}/status</c> messages and the readings
/// that arrive. Thread-safe; a singleton shared by the roles (the API lists it, ingest updates last seen).
/// Bounded by <see cref="RegistryOptions.MaxGateways"/>.
/// </summary>
internal sealed class GatewayRegistry
{
    private readonly ConcurrentDictionary<(string Site, string Gateway), GatewayRecord> _gateways = new();
    private readonly int _maxGateways;
    private long _refusedNew;

    public GatewayRegistry(IOptions<RegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxGateways = options.Value.MaxGateways;
    }

    /// <summary>Raised after a status message changed a gateway's record (for the alert role: "went offline").</summary>
    public event Action<GatewayRecord>? StatusChanged;

    /// <summary>Number of gateways known.</summary>
    public int Count => _gateways.Count;

    /// <summary>Gateways not added because <see cref="RegistryOptions.MaxGateways"/> was reached.</summary>
    public long RefusedNew => Interlocked.Read(ref _refusedNew);

    /// <summary>Every gateway, ordered by site then gateway.</summary>
    public IReadOnlyList<GatewayRecord> List() =>
        [.. _gateways.Values.OrderBy(g => g.Site, StringComparer.Ordinal).ThenBy(g => g.Gateway, StringComparer.Ordinal)];

    /// <summary>The record of one gateway.</summary>
    public bool TryGet(string site, string gateway, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GatewayRecord? record) =>
        _gateways.TryGetValue((site, gateway), out record);

    /// <summary>Applies a status message received at <paramref name="receivedAt"/>. An offline message keeps the
    /// inventory from the last birth message. A <paramref name="replayed"/> message (a retained message the broker
    /// sent because we subscribed) says nothing about when the gateway was last heard from, so it does not move
    /// last seen. Returns false when the registry is full.</summary>
    public bool ApplyStatus(GatewayStatus status, DateTimeOffset receivedAt, bool replayed)
    {
        ArgumentNullException.ThrowIfNull(status);
        var key = (status.Site, status.Gateway);
        GatewayRecord? updated = null;
        while (true)
        {
            if (_gateways.TryGetValue(key, out var existing))
            {
                var next = Merge(existing, status, receivedAt, replayed);
                if (_gateways.TryUpdate(key, next, existing))
                {
                    updated = next;
                    break;
                }

                continue;
            }

            if (!HasRoom())
            {
                return false;
            }

            var created = Merge(null, status, receivedAt, replayed);
            if (_gateways.TryAdd(key, created))
            {
                updated = created;
                break;
            }
        }

        StatusChanged?.Invoke(updated);
        return true;
    }

    /// <summary>The retained status was cleared (empty retained message): forget the gateway.</summary>
    public bool Remove(string site, string gateway) => _gateways.TryRemove((site, gateway), out _);

    /// <summary>Readings captured at <paramref name="seen"/> arrived from a gateway: moves its last-seen time forward.</summary>
    public void Touch(string site, string gateway, DateTimeOffset seen)
    {
        var key = (site, gateway);
        while (true)
        {
            if (_gateways.TryGetValue(key, out var existing))
            {
                if (existing.LastSeen is { } last && last >= seen)
                {
                    return;
                }

                if (_gateways.TryUpdate(key, existing with { LastSeen = seen }, existing))
                {
                    return;
                }

                continue;
            }

            if (!HasRoom())
            {
                return;
            }

            if (_gateways.TryAdd(key, new GatewayRecord(site, gateway, null, null, null, [], null, null, seen)))
            {
                return;
            }
        }
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    private bool HasRoom()
    {
        if (_gateways.Count < _maxGateways)
        {
            return true;
        }

        Interlocked.Increment(ref _refusedNew);
        return false;
    }

    private static GatewayRecord Merge(GatewayRecord? existing, GatewayStatus status, DateTimeOffset receivedAt, bool replayed)
    {
        var heard = replayed ? status.StartedAt : receivedAt;
        var lastSeen = Latest(existing?.LastSeen, heard);
        if (status.State == GatewayState.Online)
        {
            return new GatewayRecord(
                status.Site,
                status.Gateway,
                GatewayState.Online,
                status.Version,
                status.StartedAt,
                status.Sensors ?? [],
                status.Location,
                receivedAt,
                lastSeen);
        }

        return new GatewayRecord(
            status.Site,
            status.Gateway,
            status.State,
            status.Version ?? existing?.Version,
            status.StartedAt ?? existing?.StartedAt,
            status.Sensors ?? existing?.Sensors ?? [],
            status.Location ?? existing?.Location,
            receivedAt,
            lastSeen);
    }
}
