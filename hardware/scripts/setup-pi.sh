#!/usr/bin/env bash
# Provision a Raspberry Pi (Raspberry Pi OS bookworm/trixie, 64-bit) as a SmartSensors gateway.
# Idempotent: safe to run again after an upgrade.
#
#   sudo hardware/scripts/setup-pi.sh [--app DIR] [--no-start]
#
#   --app DIR    directory with the published gateway (`dotnet publish edge/SmartSensors.Edge -c Release
#                -r linux-arm64 --self-contained false -o DIR`, which needs the .NET 10 runtime on the Pi, or
#                `--self-contained` where the linux-arm64 runtime packs are available); copied to /opt/smartsensors-edge
#   --no-start   install everything but do not enable/start the service
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_dir=""
start=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --app) app_dir="${2:?--app needs a directory}"; shift 2 ;;
        --no-start) start=0; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

if [[ $EUID -ne 0 ]]; then
    echo "run as root (sudo $0 ...)" >&2
    exit 1
fi

reboot_needed=0

# 1. Buses: I2C and UART (hardware on, login console off).
if [[ -f /boot/firmware/config.txt ]]; then
    config=/boot/firmware/config.txt
elif [[ -f /boot/config.txt ]]; then
    config=/boot/config.txt
else
    echo "no /boot/firmware/config.txt: not Raspberry Pi OS? Enable I2C and the UART by hand (see hardware/INSTALL.md)." >&2
    config=""
fi

if command -v raspi-config >/dev/null 2>&1; then
    raspi-config nonint do_i2c 0          # 0 = enable
    raspi-config nonint do_serial_hw 0    # UART hardware on
    raspi-config nonint do_serial_cons 1  # login console on the UART off
fi

if [[ -n "$config" ]] && ! grep -q '^# >>> smartsensors' "$config"; then
    cp -a "$config" "$config.smartsensors.bak"
    {
        echo '# >>> smartsensors (hardware/pi/config.txt)'
        echo '[all]'
        grep -v '^\[all\]' "$here/pi/config.txt" | grep -v '^#' | grep -v '^$'
        echo '# <<< smartsensors'
    } >>"$config"
    reboot_needed=1
    echo "added SmartSensors settings to $config (backup: $config.smartsensors.bak)"
fi

# 2. Groups and the service user.
for g in i2c gpio dialout; do
    getent group "$g" >/dev/null || groupadd --system "$g"
done
if ! id smartsensors >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/smartsensors-edge --no-create-home \
        --shell /usr/sbin/nologin --comment "SmartSensors gateway" smartsensors
fi

# 3. Device permissions.
install -m 0644 "$here/udev/99-smartsensors.rules" /etc/udev/rules.d/99-smartsensors.rules
udevadm control --reload
udevadm trigger --subsystem-match=i2c-dev --subsystem-match=gpio --subsystem-match=tty || true

# 4. The application (root-owned, read-only for the service).
if [[ -n "$app_dir" ]]; then
    if [[ ! -x "$app_dir/smartsensors-edge" && ! -f "$app_dir/smartsensors-edge.dll" ]]; then
        echo "$app_dir has neither smartsensors-edge nor smartsensors-edge.dll: publish first (see --help)" >&2
        exit 1
    fi
    if [[ ! -x "$app_dir/smartsensors-edge" ]] && ! command -v dotnet >/dev/null; then
        echo "$app_dir is a framework-dependent build: install the .NET 10 runtime first (docs/operations.md)" >&2
        exit 1
    fi
    rm -rf /opt/smartsensors-edge.new
    mkdir -p /opt/smartsensors-edge.new
    cp -a "$app_dir/." /opt/smartsensors-edge.new/
    chown -R root:root /opt/smartsensors-edge.new
    chmod -R go-w /opt/smartsensors-edge.new
    if [[ -d /opt/smartsensors-edge ]]; then
        rm -rf /opt/smartsensors-edge.old
        mv /opt/smartsensors-edge /opt/smartsensors-edge.old
    fi
    mv /opt/smartsensors-edge.new /opt/smartsensors-edge
fi

# 5. Configuration directory and the secrets file (never overwritten).
install -d -m 0750 -o root -g smartsensors /etc/smartsensors
if [[ ! -f /etc/smartsensors/edge.env ]]; then
    install -m 0640 -o root -g smartsensors /dev/null /etc/smartsensors/edge.env
    cat >/etc/smartsensors/edge.env <<'ENV'
# SmartSensors gateway settings and secrets (KEY=value; '__' separates configuration sections).
# This file is root:smartsensors 0640. Per-gateway credentials only: never share them between gateways.
#SmartSensors__Gateway__Id=qs-flowerbed-1
#SmartSensors__Gateway__Site=queens-square
#SmartSensors__Broker__Host=mqtt.example.gov.uk
#SmartSensors__Broker__Port=8883
#SmartSensors__Broker__Tls__Enabled=true
#SmartSensors__Broker__Username=qs-flowerbed-1
#SmartSensors__Broker__Password=
ENV
fi

# 6. Service and watchdog.
install -m 0644 "$here/systemd/smartsensors-edge.service" /etc/systemd/system/smartsensors-edge.service
# A framework-dependent build has no native launcher: start it through the installed dotnet instead.
dropin=/etc/systemd/system/smartsensors-edge.service.d
if [[ -f /opt/smartsensors-edge/smartsensors-edge.dll && ! -x /opt/smartsensors-edge/smartsensors-edge ]]; then
    install -d "$dropin"
    printf '[Service]\nExecStart=\nExecStart=%s /opt/smartsensors-edge/smartsensors-edge.dll --config /etc/smartsensors/gateway.json\n' \
        "$(command -v dotnet)" > "$dropin/framework-dependent.conf"
else
    rm -f "$dropin/framework-dependent.conf"
fi
install -d /etc/systemd/system.conf.d
install -m 0644 "$here/systemd/watchdog.conf" /etc/systemd/system.conf.d/smartsensors-watchdog.conf
systemctl daemon-reload
if [[ $start -eq 1 ]]; then
    systemctl enable smartsensors-edge.service
    if [[ $reboot_needed -eq 0 && ( -x /opt/smartsensors-edge/smartsensors-edge || -f /opt/smartsensors-edge/smartsensors-edge.dll ) ]]; then
        systemctl restart smartsensors-edge.service
    fi
fi

if [[ $reboot_needed -eq 1 ]]; then
    echo "Reboot to enable I2C/UART/RTC: sudo reboot (the service starts by itself afterwards)."
fi
echo "done. Check: ls -l /dev/i2c-1 /dev/serial0 /dev/gpiochip0; journalctl -u smartsensors-edge -f"
