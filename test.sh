#!/usr/bin/env bash
# Runs every SmartSensors test against real mosquitto and influxd (started by the tests themselves on
# free loopback ports). Installs what it needs first. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh

# chromium: the dashboard's browser tests drive Debian's /usr/bin/chromium through Playwright (no browser download).
# file: checks the architecture of the Pi build's native SQLite library (end of this script).
ensure_packages "${SMARTSENSORS_PACKAGES[@]}" chromium file
ensure_dotnet

say "Restoring and building (Release)"
dotnet restore SmartSensors.sln --nologo -v q
dotnet build SmartSensors.sln -c Release --no-restore --nologo -v q -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
say "Running the tests"
set +e
# --blame-hang-timeout: a hung test fails with a dump of what it was doing instead of stalling CI.
# Minimal verbosity prints each failure (message, stack, the test's output) and one summary per assembly.
dotnet test SmartSensors.sln -c Release --no-build --nologo \
  --blame-hang-timeout 10m --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies' summaries
# ("Passed!  - Failed:     0, Passed:   191, Skipped:     3, Total: ...").
sum() { { grep -E '^(Passed|Failed)! ' "$log" || true; } | { grep -oE "$1: +[0-9]+" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then echo "no tests ran" >&2; status=1; fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"

# The gateway's build for the Raspberry Pi (framework-dependent linux-arm64, hardware/INSTALL.md) must keep building and
# must carry the arm64 SQLite library. Run after the tests: its RID-specific restore touches the shared obj/ folders.
say "Publishing the gateway for linux-arm64 (framework-dependent)"
pi_out=$(mktemp -d)
if dotnet publish edge/SmartSensors.Edge -c Release -r linux-arm64 --self-contained false -o "$pi_out" --nologo -v q -clp:ErrorsOnly \
    && file -L "$pi_out/libe_sqlite3.so" | grep -q 'ARM aarch64' && [ -f "$pi_out/smartsensors-edge.dll" ]; then
  echo "linux-arm64 publish: OK ($(du -sh "$pi_out" | cut -f1))"
else
  echo "linux-arm64 publish: FAILED" >&2
  status=1
fi
rm -rf "$pi_out"
exit "$status"
