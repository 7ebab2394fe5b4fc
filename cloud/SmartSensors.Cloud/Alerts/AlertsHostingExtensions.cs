using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Channels;
using SmartSensors.Cloud.Alerts.Channels.Cap;
using SmartSensors.Cloud.Alerts.Channels.Mqtt;
using SmartSensors.Cloud.Alerts.Channels.Notify;
using SmartSensors.Cloud.Alerts.Channels.Webhook;
using SmartSensors.Cloud.Alerts.Evaluation;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Alerts.Round;
using SmartSensors.Cloud.Alerts.Routing;
using SmartSensors.Cloud.Alerts.Rules;
using SmartSensors.Cloud.Alerts.Store;
using SmartSensors.Cloud.Hosting;

namespace SmartSensors.Cloud.Alerts;

/// <summary>Registers the alerts role (when <c>SmartSensors:Roles</c> includes <c>alerts</c>) and maps its endpoints.</summary>
internal static class AlertsHostingExtensions
{
    /// <summary>Adds the alerts role: rules fed by its own MQTT subscription, the SQLite alert store and notification
    /// outbox, the channels (webhook, GOV.UK Notify SMS/e-mail, MQTT), the CAP feed and the watering round.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!CloudRoles.IsEnabled(builder.Configuration, CloudRoles.Alerts) || builder.Services.Any(d => d.ServiceType == typeof(AlertStore)))
        {
            return builder;
        }

        builder.AddCloudHosting();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WateringOptions>().Bind(configuration.GetSection("Alerts:Watering")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AirQualityOptions>().Bind(configuration.GetSection("Alerts:AirQuality")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FloodOptions>().Bind(configuration.GetSection("Alerts:Flood")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeviceHealthOptions>().Bind(configuration.GetSection("Alerts:DeviceHealth")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotifyOptions>().Bind(configuration.GetSection(NotifyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CapOptions>().Bind(configuration.GetSection(CapOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoundOptions>().Bind(configuration.GetSection(RoundOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<AlertsMetrics>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertRouter>();
        services.AddSingleton(sp => new RuleEngine(
            sp.GetRequiredService<IOptions<WateringOptions>>().Value,
            sp.GetRequiredService<IOptions<AirQualityOptions>>().Value,
            sp.GetRequiredService<IOptions<FloodOptions>>().Value,
            sp.GetRequiredService<IOptions<DeviceHealthOptions>>().Value,
            sp.GetRequiredService<IOptions<AlertsOptions>>().Value.MaxSensors));
        services.AddSingleton<AlertLifecycle>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<WateringRound>();
        services.AddSingleton<CapWriter>();

        services.AddHttpClient(WebhookChannel.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout);
        services.AddSingleton<IAlertChannel, WebhookChannel>();
        services.AddSingleton<IAlertChannel, MqttAlertChannel>();
        services.AddSingleton<IAlertChannel>(sp => new NotifyChannel(ChannelNames.Sms, sp.GetRequiredService<IOptions<NotifyOptions>>()));
        services.AddSingleton<IAlertChannel>(sp => new NotifyChannel(ChannelNames.Email, sp.GetRequiredService<IOptions<NotifyOptions>>()));

        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        // Hosted services stop in reverse order: the subscriber first, then the ticker (which saves the rule
        // engine's snapshot after the last evaluated pack), then the dispatcher.
        services.AddSingleton<AlertTicker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertTicker>());
        services.AddSingleton<AlertSubscriber>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertSubscriber>());
        return builder;
    }

    /// <summary>
    /// Maps the alerts role's public feeds (when the role is on): <c>GET /alerts/cap.atom</c> (Atom feed of current
    /// alerts of the CAP categories) and <c>GET /alerts/{id}/cap</c> (CAP 1.2). Everything else about alerts (list, one
    /// alert, acknowledge, resolve, the watering round, DAQI, failed notifications) is in the staff API under
    /// <c>/api/v1</c>, behind authentication and the role checks. The returned group accepts <c>RequireAuthorization</c>
    /// where the CAP feed is to be restricted.
    /// </summary>
    public static RouteGroupBuilder? MapAlerts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<AlertStore>() is null)
        {
            return null;
        }

        var group = app.MapGroup("/alerts");
        OpenData.CapFeedEndpoints.WithCapFeedAccess(group.MapGet("/cap.atom", (AlertStore store, CapWriter cap, IOptions<CapOptions> options, TimeProvider clock, HttpRequest request) =>
        {
            var now = clock.GetUtcNow();
            var alerts = store.ListCurrent(now - options.Value.ResolvedRetention, options.Value.MaxEntries)
                .Where(a => cap.Publishes(a.Category))
                .Select(a => (a, PreviousSent(store, a)))
                .ToList();
            var baseUri = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
            return Results.Text(cap.Feed(alerts, baseUri, now).ToString(), "application/atom+xml; charset=utf-8");
        }), app.Configuration); // OpenData:CapFeed: Public or Restricted (staff)
        OpenData.CapFeedEndpoints.WithCapFeedAccess(group.MapGet("/{id}/cap", (string id, AlertStore store, CapWriter cap) => store.Get(id) is { } alert && cap.Publishes(alert.Category)
            ? Results.Text(cap.Message(alert, PreviousSent(store, alert)).ToString(), "application/cap+xml; charset=utf-8")
            : Results.NotFound()), app.Configuration);
        return group;
    }

    /// <summary>When the version before <paramref name="alert"/>'s current one was sent (for CAP references).</summary>
    internal static DateTimeOffset? PreviousSent(AlertStore store, Alert alert) =>
        alert.Version <= 1 ? null : store.History(alert.Id).FirstOrDefault(e => e.Version == alert.Version - 1)?.At;
}
