# shellcheck shell=bash
# Shared by ./run.sh and ./test.sh: installs what SmartSensors needs on Debian / Raspberry Pi OS,
# idempotently, and says plainly what is wrong when it cannot.

say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

# ensure_packages PKG... — installs the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "apt-get not found: install these packages by hand: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "need root to install ${missing[*]}: run as root or install sudo"
    sudo="sudo"
  fi
  say "Installing Debian packages: ${missing[*]}"
  # Installing a server package must not start a system-wide service on a developer machine / CI box:
  # the tests and the demo start their own instances on their own ports.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && created_policy=1
  fi
  local rc=0
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || rc=$?
  [ -n "$created_policy" ] && $sudo rm -f "$policy"
  [ $rc -eq 0 ] || fail "could not install ${missing[*]} (apt-get exit code $rc). Check the network / apt sources and try again."
}

# ensure_dotnet — the .NET 10 SDK must be on PATH (it is not a Debian package).
ensure_dotnet() {
  command -v dotnet >/dev/null || fail "the .NET SDK is not installed. Install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run this again."
  local major
  major=$(dotnet --version 2>/dev/null | cut -d. -f1)
  [ "${major:-0}" -ge 10 ] || fail ".NET SDK 10 or newer is needed; found $(dotnet --version 2>/dev/null || echo none)."
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}

# Packages every part of the system uses: the broker and its clients, the database, curl for the
# benchmark reference runs, python3 for Mosquitto's own client test-suite.
SMARTSENSORS_PACKAGES=(mosquitto mosquitto-clients influxdb curl python3 openssl)
