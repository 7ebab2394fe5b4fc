# shellcheck shell=bash
# The cloud host's settings for the demo, sourced by ./run.sh just before it starts the cloud host.
# They are .NET configuration keys written as environment variables ("__" for ":"), layered over
# cloud/SmartSensors.Cloud/appsettings.json, which keeps the production defaults untouched.
#
# The demo's scenarios run faster than real time (scripts/demo/*.json, "SpeedUp": 60 means one real minute is
# one hour in the park and on the river), so the rule windows that are measured on the real clock are shortened
# here, and only here. demo_duration SECONDS prints SECONDS divided by SMARTSENSORS_DEMO_SPEED as hh:mm:ss.fff.

# Watering. Production waits for 30 minutes of dry readings before telling the street operatives
# (Alerts:Watering:Sustain). At 60x one real minute is an hour of drying, so the demo waits one minute.
export Alerts__Watering__Sustain="$(demo_duration 60)"

# Device health. Production gives an offline gateway 5 minutes to come back (a reboot or a network blip should not
# page anyone: Alerts:DeviceHealth:OfflineGrace). The demo's rose-garden gateway loses its power on purpose a minute
# after the start; the operators hear about it 30 seconds later.
export Alerts__DeviceHealth__OfflineGrace="$(demo_duration 30)"
# How often the time-based rules (offline, stale, silent) run: production every 10 s, the demo every 2 s.
export Alerts__EvaluationInterval="$(demo_duration 2)"

# Flood. A river station's levels, metres above its datum (no national values exist; set from the Environment
# Agency's typical range). The simulated river crosses the Flood Alert level about 90 s after the start and the
# Flood Warning level a minute later. Rate of rise is left off: it is measured in real hours, and at 60x every
# rise would look 60 times as steep.
export Alerts__Flood__Stations__0__Site=riverside
export Alerts__Flood__Stations__0__AlertLevel=1.5
export Alerts__Flood__Stations__0__WarningLevel=2.0
export Alerts__Flood__Stations__0__SevereLevel=2.6
# Silent while high: production 15 minutes; at 60x that would be 15 hours of river, so 2 minutes here.
export Alerts__Flood__SilentAfter="$(demo_duration 120)"

# Air quality needs no change: the rule raises at DAQI Moderate (4) from the running means DEFRA defines (24 hours
# for PM2.5 and PM10, at least 18 of 24 hourly values). Those windows are measured on the readings' capture times,
# so the demo's air-quality post replays recent history at 1200x (scripts/demo/town-centre-air.json, "CatchUp")
# and fills them in about a minute, then goes live.

# Open data (/open/v1): the public station names for the demo's sensors (gateway ids are never published).
export OpenData__Publisher="SmartSensors demo council"
export OpenData__Stations__0__Id=high-street-air
export OpenData__Stations__0__Name="High Street, lamp post 7"
export OpenData__Stations__0__Kind=air-quality
export OpenData__Stations__0__Site=town-centre
export OpenData__Stations__0__Gateway=aq-post-01
export OpenData__Stations__0__Sensor=pm
export OpenData__Stations__0__Latitude=53.0451
export OpenData__Stations__0__Longitude=-2.9932
export OpenData__Stations__1__Id=river-dee-grosvenor-bridge
export OpenData__Stations__1__Name="River Dee at Grosvenor Bridge"
export OpenData__Stations__1__Kind=river-level
export OpenData__Stations__1__Site=riverside
export OpenData__Stations__1__Gateway=river-01
export OpenData__Stations__1__Sensor=level-2
export OpenData__Stations__1__Latitude=53.043
export OpenData__Stations__1__Longitude=-2.999
export OpenData__Stations__2__Id=market-hall-north-door
export OpenData__Stations__2__Name="Market hall, north door"
export OpenData__Stations__2__Kind=footfall
export OpenData__Stations__2__Site=town-centre
export OpenData__Stations__2__Gateway=footfall-01
export OpenData__Stations__2__Sensor=north-door
export OpenData__Stations__2__Latitude=53.0456
export OpenData__Stations__2__Longitude=-2.9925
