#!/usr/bin/env bash
# deploy/ checked with systemd's own tools: both units pass `systemd-analyze verify` without a
# word of complaint, keep their sandbox (`systemd-analyze security --offline` exposure at most
# what deploy/README.md states, plus a little slack), and the sysusers.d file and the session
# script parse.
#
#   verify_units.sh SOURCE_DIR HUB_BINARY
#
# Exit status: 0 passed, 1 failed, 77 skipped (no systemd-analyze here). Under CI=true a missing
# systemd-analyze is a failure, as a missing Xvfb is for the kiosk UI tests.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SOURCE_DIR HUB_BINARY" >&2
  exit 2
fi
deploy=$(realpath -m "$1")/deploy
hub=$(realpath -m "$2")

if ! command -v systemd-analyze >/dev/null 2>&1; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "FAIL: systemd-analyze is not installed, and CI=true requires the deploy tests to run" \
      "(apt-get install systemd)"
    exit 1
  fi
  echo "SKIP: systemd-analyze is not installed (apt-get install systemd)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# `verify` insists that ExecStart's program exists: point each unit at this tree's program.
point_at() {
  local unit=$1 installed=$2 here=$3
  sed "s#^ExecStart=$installed#ExecStart=$here#" "$deploy/systemd/$unit" >"$work/$unit"
  grep -q "^ExecStart=$here" "$work/$unit" || fail "$unit: ExecStart no longer starts with $installed"
}
point_at passerelle-kiosk.service /usr/lib/passerelle/kiosk-session.sh "$deploy/kiosk-session.sh"
point_at passerelle-hub.service /usr/bin/passerelle-hub "$hub"

# Exposure ceilings, in tenths (systemd-analyze's --threshold): deploy/README.md gives the
# measured scores; a unit that loses a protection goes over its ceiling.
declare -A ceiling=([passerelle-kiosk.service]=19 [passerelle-hub.service]=12)

for unit in passerelle-kiosk.service passerelle-hub.service; do
  # Unknown keys and bad values are only warnings for verify (status 0): any output fails.
  if ! output=$(cd "$work" && systemd-analyze verify "$work/$unit" 2>&1) || [[ -n "$output" ]]; then
    fail "systemd-analyze verify $unit:"$'\n'"$output"
  else
    echo "ok: systemd-analyze verify $unit"
  fi
  if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
    if ! output=$(systemd-analyze security --offline=yes --threshold="${ceiling[$unit]}" --no-pager \
      "$work/$unit" 2>&1); then
      fail "$unit: exposure above ${ceiling[$unit]} tenths:"$'\n'"$(grep -E '^(✗|→)' <<<"$output")"
    else
      echo "ok: $(grep -E '^→' <<<"$output")"
    fi
  else
    echo "note: this systemd-analyze has no --offline security review; exposure not checked"
  fi
done

if command -v systemd-sysusers >/dev/null 2>&1; then
  mkdir -p "$work/root"
  for users in passerelle-kiosk.conf passerelle-hub.conf; do
    if ! output=$(systemd-sysusers --root="$work/root" --dry-run "$deploy/sysusers.d/$users" 2>&1); then
      fail "systemd-sysusers --dry-run $users:"$'\n'"$output"
    else
      echo "ok: sysusers.d/$users"
    fi
  done
fi

if ! output=$(sh -n "$deploy/kiosk-session.sh" 2>&1); then
  fail "kiosk-session.sh does not parse:"$'\n'"$output"
elif [[ ! -x "$deploy/kiosk-session.sh" ]]; then
  fail "kiosk-session.sh is not executable"
else
  echo "ok: kiosk-session.sh parses"
fi

[[ $failures -eq 0 ]]
