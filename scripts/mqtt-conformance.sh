#!/usr/bin/env bash
# Runs Mosquitto 2.0.11's own client test-suite (test/lib/*.py) against our MQTT client, through
# tests/SmartSensors.Mqtt.ConformanceClient (one scenario per C twin in test/lib/c).
#
#   scripts/mqtt-conformance.sh [options]
#     --only NAME        run only this script (e.g. 01-con-discon-success; repeatable)
#     --client-dll PATH  use this built SmartSensors.Mqtt.ConformanceClient.dll instead of building it (Release)
#     --timeout SECONDS  per-script time limit (default 60)
#     --markdown FILE    also write the results as a Markdown table; if FILE has the lines <!-- results:begin --> and
#                        <!-- results:end --> (docs/mqtt-conformance.md does), only what is between them is replaced
#     --prepare-only     fetch the source, regenerate the certificates, build; run nothing
#     --list             print "script<TAB>category" for every script and exit
#
# The source comes from Debian's source package `mosquitto` (bookworm), fetched with a private apt sources list (no change
# to the system's apt configuration) into .cache/ (git-ignored), never committed. The test certificates of 2.0.11 have
# expired: test/ssl/gen.sh regenerates them in the cached copy. Each script runs as upstream's Makefile runs it, from
# test/lib: `python3 ./NN-name.py c/NN-name.test <port>`, where c/NN-name.test is a wrapper that starts our client.
# Exit status: 0 when every "run" script passed and no "conflict" script passed ("blocked" ones are reported, not
# counted), 1 otherwise, 2 on setup errors (e.g. the source package could not be fetched).
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache="$repo/.cache"
version=2.0.11
src="$cache/mosquitto-$version"
lib="$src/test/lib"
ssl="$src/test/ssl"
results="$cache/mqtt-conformance"

die() { printf 'mqtt-conformance: ERROR: %s\n' "$*" >&2; exit 2; }
say() { printf '==> %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------------------
# The scripts of test/lib, what decides them, and which C twin(s) they start.
#   run       applies to a client library: must pass
#   conflict  the script expects behaviour the MQTT specification forbids: runs, expected to fail; passing is a failure
#   blocked   applies, but our client's public API lacks what the C twin uses: runs, reported, not counted (see reason)
#   skip      does not apply to our client: not run
# Format: script|category|C twin started by the script|reason (for conflict/skip)
# ---------------------------------------------------------------------------------------------------------------------
catalog() {
  cat <<'EOF'
01-con-discon-success|run|01-con-discon-success|
01-keepalive-pingreq|run|01-keepalive-pingreq|
01-no-clean-session|run|01-no-clean-session|
01-server-keepalive-pingreq|run|01-server-keepalive-pingreq|
01-unpwd-set|run|01-unpwd-set|
01-will-set|run|01-will-set|
01-will-unpwd-set|run|01-will-unpwd-set|
02-subscribe-qos0|run|02-subscribe-qos0|
02-subscribe-qos1|run|02-subscribe-qos1|
02-subscribe-qos2|run|02-subscribe-qos2|
02-unsubscribe|run|02-unsubscribe|
02-unsubscribe-multiple-v5|run|02-unsubscribe-multiple-v5|
02-unsubscribe-v5|run|02-unsubscribe-v5|
03-publish-b2c-qos1|run|03-publish-b2c-qos1|
03-publish-b2c-qos1-unexpected-puback|run|03-publish-b2c-qos1-unexpected-puback|
03-publish-b2c-qos2|run|03-publish-b2c-qos2|
03-publish-b2c-qos2-len|run|03-publish-b2c-qos2-len|
03-publish-b2c-qos2-unexpected-pubcomp|run|03-publish-b2c-qos2-unexpected-pubcomp|
03-publish-b2c-qos2-unexpected-pubrel|run|03-publish-b2c-qos2-unexpected-pubrel|
03-publish-c2b-qos1-disconnect|run|03-publish-c2b-qos1-disconnect|
03-publish-c2b-qos1-len|run|03-publish-c2b-qos1-len|
03-publish-c2b-qos1-receive-maximum|run|03-publish-c2b-qos1-receive-maximum|
03-publish-c2b-qos1-timeout|skip||No C twin, not run by upstream (absent from test/lib/Makefile and test.py): expects a QoS 1 PUBLISH to be resent on the same connection after a timeout, which MQTT 5 forbids (§4.4) and libmosquitto 2.x no longer does.
03-publish-c2b-qos2|run|03-publish-c2b-qos2|
03-publish-c2b-qos2-disconnect|run|03-publish-c2b-qos2-disconnect|
03-publish-c2b-qos2-len|run|03-publish-c2b-qos2-len|
03-publish-c2b-qos2-maximum-qos-0|run|03-publish-c2b-qos2-maximum-qos-0|
03-publish-c2b-qos2-maximum-qos-1|run|03-publish-c2b-qos2-maximum-qos-1|
03-publish-c2b-qos2-pubrec-error|run|03-publish-c2b-qos2-pubrec-error|
03-publish-c2b-qos2-receive-maximum-1|run|03-publish-c2b-qos2-receive-maximum-1|
03-publish-c2b-qos2-receive-maximum-2|run|03-publish-c2b-qos2-receive-maximum-2|
03-publish-c2b-qos2-timeout|skip||As 03-publish-c2b-qos1-timeout for QoS 2: no C twin, not run upstream, resend on a live connection is forbidden by MQTT 5 (§4.4).
03-publish-qos0|run|03-publish-qos0|
03-publish-qos0-no-payload|run|03-publish-qos0-no-payload|
03-request-response|run|03-request-response-1 03-request-response-2|
03-request-response-correlation|run|03-request-response-correlation-1 03-request-response-2|
04-retain-qos0|run|04-retain-qos0|
08-ssl-bad-cacert|run|08-ssl-bad-cacert|
08-ssl-connect-cert-auth|run|08-ssl-connect-cert-auth|
08-ssl-connect-cert-auth-enc|run|08-ssl-connect-cert-auth-enc|
08-ssl-connect-no-auth|run|08-ssl-connect-no-auth|
08-ssl-fake-cacert|run|08-ssl-fake-cacert|
09-util-topic-tokenise|skip||Tests mosquitto_sub_topic_tokenise(), a string utility of libmosquitto's C API, not MQTT behaviour; our client has no public topic tokeniser (topic filters are validated and matched inside the library and tested by its unit tests).
11-prop-oversize-packet|conflict|11-prop-oversize-packet|The broker's Maximum Packet Size is 30 and the script expects a 31-byte PUBLISH (1 fixed-header byte + 1 length byte + 29). MQTT 5 3.2.2.3.6: the client MUST NOT send packets exceeding Maximum Packet Size, which counts the whole packet [MQTT-3.2.2-15]; libmosquitto 2.0.11 leaves out the fixed-header byte (packet__check_oversize).
11-prop-recv-qos0|run|11-prop-recv-qos0|
11-prop-recv-qos1|run|11-prop-recv-qos1|
11-prop-recv-qos2|run|11-prop-recv-qos2|
11-prop-send-content-type|run|11-prop-send-content-type|
11-prop-send-payload-format|run|11-prop-send-payload-format|
EOF
}

# A "conflict" script must fail for its documented reason, recognised by these lines of its log (all must appear);
# failing for another reason counts as a failure.
conflict_signature() {
  case "$1" in
    11-prop-oversize-packet)
      # The 31-byte PUBLISH is refused by the client; the script wanted it sent.
      printf '%s\n' 'Fail on publish 2' 'Expected: PUBLISH, rl=29' ;;
    *) return 1 ;;
  esac
}

only=()
client_dll=""
timeout_s=60
markdown=""
prepare_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || die "--only needs a script name"; only+=("$2"); shift 2 ;;
    --client-dll) [ $# -ge 2 ] || die "--client-dll needs a path"; client_dll="$2"; shift 2 ;;
    --timeout) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || die "--timeout needs a positive number of seconds"; timeout_s="$2"; shift 2 ;;
    --markdown) [ $# -ge 2 ] || die "--markdown needs a file"; markdown="$2"; shift 2 ;;
    --prepare-only) prepare_only=1; shift ;;
    --list) catalog | awk -F'|' '{print $1 "\t" $2}'; exit 0 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
for name in "${only[@]}"; do
  catalog | cut -d'|' -f1 | grep -qxF "$name" || die "unknown script '$name' (see --list)"
done

for tool in python3 openssl timeout; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian package: ${tool/timeout/coreutils})"
done

# ---------------------------------------------------------------------------------------------------------------------
# 1. The source: Debian's mosquitto source package, with a private sources list, cached under .cache/.
# ---------------------------------------------------------------------------------------------------------------------
fetch_source() {
  [ -f "$lib/01-con-discon-success.py" ] && [ -f "$src/test/mosq_test.py" ] && return 0
  command -v apt-get >/dev/null || die "apt-get is needed to fetch Debian's mosquitto source package"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$keyring" ] || die "$keyring is missing (Debian package: debian-archive-keyring)"
  say "Fetching the mosquitto $version source package from deb.debian.org (bookworm) into $cache"
  mkdir -p "$cache"
  local d
  d=$(mktemp -d "$cache/mosquitto-fetch.XXXXXX") || die "cannot create a temporary directory in $cache"
  chmod 755 "$d"   # apt's download sandbox user (_apt) must be able to write here
  printf 'deb-src [signed-by=%s] http://deb.debian.org/debian bookworm main\n' "$keyring" >"$d/s.list"
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  local o=(-o "Dir::Etc::SourceList=$d/s.list" -o "Dir::Etc::SourceParts=/dev/null" -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  if ! (cd "$d" && apt-get "${o[@]}" -qq update >"$d/apt.log" 2>&1 && apt-get "${o[@]}" -qq source --download-only mosquitto >>"$d/apt.log" 2>&1); then
    cat "$d/apt.log" >&2
    rm -rf "$d"
    die "could not download Debian's mosquitto source package (no network, or deb.debian.org unreachable?). The conformance suite needs it; nothing was run."
  fi
  local tarball="$d/mosquitto_$version.orig.tar.gz"
  [ -f "$tarball" ] || { ls "$d" >&2; rm -rf "$d"; die "the source package does not contain mosquitto_$version.orig.tar.gz (did bookworm move to another upstream version?)"; }
  tar -xzf "$tarball" -C "$d" || { rm -rf "$d"; die "could not unpack $tarball"; }
  rm -rf "$src"
  mv "$d/mosquitto-$version" "$src" || die "could not move the unpacked source to $src"
  rm -rf "$d"
}

# ---------------------------------------------------------------------------------------------------------------------
# 2. Certificates: the ones shipped in 2.0.11 expired in 2025. gen.sh regenerates them (in the cached copy only); its
#    commented-out tail makes test/ssl/certs (the CA directory the cert-auth twins pass as capath), done here too.
# ---------------------------------------------------------------------------------------------------------------------
regenerate_certificates() {
  if [ -f "$ssl/.regenerated" ] && openssl x509 -checkend 86400 -noout -in "$ssl/server.crt" >/dev/null 2>&1; then
    return 0
  fi
  say "Regenerating the test certificates (test/ssl/gen.sh, openssl)"
  (cd "$ssl" && bash ./gen.sh) >"$ssl/gen.log" 2>&1 || { tail -20 "$ssl/gen.log" >&2; die "test/ssl/gen.sh failed (log: $ssl/gen.log)"; }
  (cd "$ssl" && rm -rf certs && mkdir certs && cp test-signing-ca.crt certs/test-signing-ca.pem && cp test-root-ca.crt certs/test-root.ca.pem) \
    || die "could not create $ssl/certs"
  openssl rehash "$ssl/certs" >/dev/null 2>&1 || true
  openssl x509 -checkend 86400 -noout -in "$ssl/server.crt" >/dev/null || die "the regenerated server certificate is not valid"
  date -u +%FT%TZ >"$ssl/.regenerated"
}

# Serialise the one-time preparation between concurrent runs.
mkdir -p "$cache" "$results"
exec 9>"$cache/mosquitto-$version.lock"
command -v flock >/dev/null && flock 9
fetch_source
regenerate_certificates
command -v flock >/dev/null && flock -u 9

# ---------------------------------------------------------------------------------------------------------------------
# 3. The conformance client, and one wrapper per C twin at test/lib/c/<twin>.test (where upstream's Makefile puts the
#    compiled twins; the request/response scripts start c/03-request-response-*.test by that path). The scripts run the
#    client command as one argument and append the port; the wrapper passes it on.
# ---------------------------------------------------------------------------------------------------------------------
if [ -z "$client_dll" ]; then
  builder=${DOTNET_HOST_PATH:-$(command -v dotnet)} || die "the .NET SDK (dotnet) is not on PATH"
  say "Building the conformance client (Release)"
  "$builder" build "$repo/tests/SmartSensors.Mqtt.ConformanceClient" -c Release -nologo -v q -clp:ErrorsOnly >"$results/build.log" 2>&1 \
    || { cat "$results/build.log" >&2; die "building tests/SmartSensors.Mqtt.ConformanceClient failed"; }
  client_dll="$repo/tests/SmartSensors.Mqtt.ConformanceClient/bin/Release/net10.0/SmartSensors.Mqtt.ConformanceClient.dll"
fi
[ -f "$client_dll" ] || die "conformance client not found: $client_dll"
client_dll=$(cd "$(dirname "$client_dll")" && pwd)/$(basename "$client_dll")
# DOTNET_HOST_PATH: set by the dotnet CLI for the processes it starts (e.g. under dotnet test), when dotnet is not on PATH.
dotnet_bin=${DOTNET_HOST_PATH:-$(command -v dotnet)} || die "dotnet is not on PATH"
[ -x "$dotnet_bin" ] || die "dotnet is not on PATH"

# Written again only when the client or dotnet changed (the stamp saves a client start per --only run).
stamp="$dotnet_bin $client_dll $(stat -c %Y "$client_dll")"
if [ "$(cat "$lib/c/.wrappers" 2>/dev/null)" != "$stamp" ]; then
  twins=$("$dotnet_bin" "$client_dll" --list) || die "the conformance client does not start: $dotnet_bin $client_dll --list"
  mkdir -p "$lib/c"
  rm -f "$lib/c/"*.test
  for twin in $twins; do
    printf '#!/bin/sh\n# Written by scripts/mqtt-conformance.sh: the C twin %s, done by our client. $1 is the port.\nexec "%s" "%s" %s "$1"\n' \
      "$twin" "$dotnet_bin" "$client_dll" "$twin" >"$lib/c/$twin.test"
    chmod +x "$lib/c/$twin.test"
  done
  echo "$stamp" >"$lib/c/.wrappers"
fi

# The last line names the client, so callers (MosquittoClientSuiteTests) can pass it back with --client-dll.
[ -n "$prepare_only" ] && { say "Prepared: $src"; echo "client: $client_dll"; exit 0; }

# ---------------------------------------------------------------------------------------------------------------------
# 4. Run the scripts.
# ---------------------------------------------------------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

selected() {
  [ ${#only[@]} -eq 0 ] && return 0
  local n
  for n in "${only[@]}"; do [ "$n" = "$1" ] && return 0; done
  return 1
}

passed=0 failed=0 xfailed=0 blocked=0 skipped=0
failures=()
rows=()
while IFS='|' read -r script category twin reason; do
  selected "$script" || continue
  if [ "$category" = skip ]; then
    printf 'SKIP   %-42s %s\n' "$script" "$reason"
    skipped=$((skipped + 1))
    rows+=("| \`$script\` | — | skipped (not applicable) | $reason |")
    continue
  fi
  for t in $twin; do
    [ -x "$lib/c/$t.test" ] || die "the conformance client has no scenario for the C twin '$t' (needed by $script)"
  done
  first_twin=${twin%% *}
  port=$(free_port)
  log="$results/$script.log"
  start=$(date +%s.%N)
  (cd "$lib" && exec timeout -k 5 "$timeout_s" python3 "./$script.py" "c/$first_twin.test" "$port") >"$log" 2>&1
  rc=$?
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  [ $rc -eq 124 ] && echo "mqtt-conformance: the script did not finish within $timeout_s s" >>"$log"
  twins_md="\`${twin// /\`, \`}\`"
  if [ "$category" = blocked ]; then
    outcome=$([ $rc -eq 0 ] && echo passed || echo failed)
    printf 'BLOCK  %-42s %5ss  %s; not counted (API gap, see --list / docs/mqtt-conformance.md)\n' "$script" "$secs" "$outcome"
    blocked=$((blocked + 1))
    rows+=("| \`$script\` | $twins_md | blocked ($outcome, not counted) | $reason |")
  elif [ "$category" = conflict ]; then
    if [ $rc -eq 0 ]; then
      printf 'XPASS  %-42s %5ss  passed although it expects behaviour the MQTT specification forbids\n' "$script" "$secs"
      failed=$((failed + 1)); failures+=("$script")
      rows+=("| \`$script\` | $twins_md | **unexpected pass** | $reason |")
      sed 's/^/    | /' "$log"
    else
      missing=""
      while IFS= read -r line; do
        grep -qF -- "$line" "$log" || missing="$missing; '$line'"
      done < <(conflict_signature "$script")
      if [ -z "$missing" ]; then
        printf 'XFAIL  %-42s %5ss  fails as it must (spec conflict, see --list / docs/mqtt-conformance.md)\n' "$script" "$secs"
        xfailed=$((xfailed + 1))
        rows+=("| \`$script\` | $twins_md | fails as it must (spec conflict) | $reason |")
      else
        printf 'FAIL   %-42s %5ss  should fail only for its spec conflict, but its log lacks%s\n' "$script" "$secs" "$missing"
        sed 's/^/    | /' "$log"
        failed=$((failed + 1)); failures+=("$script")
        rows+=("| \`$script\` | $twins_md | **FAIL** (not for the documented reason) | $reason |")
      fi
    fi
  elif [ $rc -eq 0 ]; then
    printf 'PASS   %-42s %5ss\n' "$script" "$secs"
    passed=$((passed + 1))
    rows+=("| \`$script\` | $twins_md | pass | |")
  else
    printf 'FAIL   %-42s %5ss  exit %s, log: %s\n' "$script" "$secs" "$rc" "${log#"$repo"/}"
    sed 's/^/    | /' "$log"
    failed=$((failed + 1)); failures+=("$script")
    rows+=("| \`$script\` | $twins_md | **FAIL** | |")
  fi
done < <(catalog)

summary="mqtt-conformance: $passed passed, $failed failed, $xfailed expected failures (spec conflict), $blocked blocked (API gap), $skipped skipped (not applicable)"
echo "$summary"
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"

if [ -n "$markdown" ]; then
  table=$(mktemp)
  {
    echo "| script | C twin(s) re-done by the conformance client | result | note |"
    echo "|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "$summary ($(date -u +%F), mosquitto $version test/lib, $(python3 --version 2>&1), $(openssl version | cut -d' ' -f1-2))."
  } >"$table"
  if [ -f "$markdown" ] && grep -q '^<!-- results:begin -->$' "$markdown" && grep -q '^<!-- results:end -->$' "$markdown"; then
    # Replace what is between the markers, keep the rest of the document.
    awk -v table="$table" '
      /^<!-- results:begin -->$/ { print; while ((getline line < table) > 0) print line; skipping = 1; next }
      /^<!-- results:end -->$/ { skipping = 0 }
      !skipping { print }' "$markdown" >"$markdown.tmp" && mv "$markdown.tmp" "$markdown"
  else
    cp "$table" "$markdown"
  fi
  rm -f "$table"
fi

[ $failed -eq 0 ]
