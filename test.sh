#!/usr/bin/env bash
# Runs every SmartSensors test against real mosquitto and influxd (started by the tests themselves on
# free loopback ports). Installs what it needs first. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh

ensure_packages "${SMARTSENSORS_PACKAGES[@]}"
ensure_dotnet

say "Restoring and building (Release)"
dotnet restore SmartSensors.sln --nologo -v q
dotnet build SmartSensors.sln -c Release --no-restore --nologo -v q -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
say "Running the tests"
set +e
# --blame-hang-timeout: a hung test fails with a dump of what it was doing instead of stalling CI.
dotnet test SmartSensors.sln -c Release --no-build --nologo \
  --blame-hang-timeout 10m --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" \
  | grep -E --line-buffered '^\s*(Passed|Failed|Skipped) |Passed!|Failed!|error|Error Message|Assert|Exception' | grep -vE '^\s*Passed '
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
