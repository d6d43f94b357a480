#!/usr/bin/env bash
# Two kiosks and a hub on this machine: the hub serves the demo event on loopback, each kiosk is
# enrolled with its own one-time code and shows the demo's signed badges in its own order, so each
# kiosk soon refuses people the other one already checked in ("already checked in at ... on the
# other kiosk"). Staff PIN 1234; the staff screen's Device section shows the hub link. The
# organisers' dashboard is at the hub's address: log in as "demo", password "passerelle demo".
#   deploy/demo-sync.sh             two windowed kiosks (needs a display)
#   deploy/demo-sync.sh --headless  no display: the hub's device list and live stream instead
# Ctrl-C stops everything; nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}

# PASSERELLE_BUILD_DIR: use the programs of an existing build tree instead of building.
build=${PASSERELLE_BUILD_DIR:-}
if [[ -z "$build" ]]; then
  build=build/release
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j "$jobs" --target passerelle-hub passerelle-kiosk >/dev/null
fi
hub=$(realpath "$build/sync/hub/passerelle-hub")
kiosk=$(realpath "$build/kiosk/app/passerelle-kiosk")

work=$(mktemp -d /tmp/passerelle-sync-demo.XXXXXX)
cleanup() {
  # The kiosks and the hub of this demo, not the xvfb-run around a kiosk: it does not pass a signal
  # on, but once its kiosk has exited it stops its own X server.
  pkill -f "^$kiosk .*$work/" 2>/dev/null || true
  pkill -f "^$hub .*$work/" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The demo event happens today (in its time zone): the kiosks' check-ins then count on the
# dashboard, which counts presences on the event's days only.
today=$(TZ=Europe/Amsterdam date +%F)
tomorrow=$(TZ=Europe/Amsterdam date -d tomorrow +%F)
sed -e "s/2026-12-08/$today/g" -e "s/2026-12-09/$tomorrow/g" assets/demo/event.toml >"$work/event.toml"
"$hub" --db "$work/hub.db" init --event-config "$work/event.toml" >/dev/null
"$hub" --db "$work/hub.db" import participants assets/demo/participants.csv >/dev/null
"$hub" --db "$work/hub.db" export badges "$work/badges.csv" >/dev/null

"$hub" --db "$work/hub.db" serve --listen 127.0.0.1:0 >"$work/hub.out" 2>&1 &
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/hub.out" || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/hub.out"; echo "demo-sync: the hub did not start" >&2; exit 1; }
echo "hub: $url (database $work/hub.db)"

headless=false
[[ "${1:-}" == "--headless" || -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && headless=true
# The staff PIN is set on the hub, from standard input, and each bundle carries its hash.
printf '1234\n' | "$hub" --db "$work/hub.db" staff-pin >/dev/null
# An organiser's account for the dashboard (a demo's password: never one like it on a real hub).
printf 'passerelle demo\n' | "$hub" --db "$work/hub.db" account add demo --event 1 >/dev/null
echo "dashboard: $url/  (log in as demo, password: passerelle demo)"
for name in a b; do
  "$hub" --db "$work/hub.db" export-kiosk "$work/kiosk-$name.db" >/dev/null
  # Each kiosk's camera shows the badges in its own order.
  grep -o 'PSL-[A-Z0-9]*' "$work/badges.csv" | shuf --random-source=<(yes "$name") >"$work/codes-$name.txt"
  # Whole output first: `grep -m1` on a pipe would close it under the QR code still being written.
  enrolled=$("$hub" --db "$work/hub.db" enrol --hub-url "$url" --name "demo kiosk $name")
  ticket=$(grep -m1 -o 'PSLENROL1 .*' <<<"$enrolled")
  printf '[sync]\nname = "demo kiosk %s"\n' "$name" >"$work/kiosk-$name.toml"  # its name in `devices`
  args=(--config "$work/kiosk-$name.toml" --db "$work/kiosk-$name.db" --camera synthetic --camera-file "$work/codes-$name.txt" --enrol "$ticket"
        --windowed --size 960x600)
  if $headless; then
    # Without a display the kiosks still run their sync worker under a virtual one, if there is one.
    command -v xvfb-run >/dev/null || { echo "demo-sync: no display and no xvfb-run" >&2; exit 1; }
    xvfb-run -a "$kiosk" "${args[@]}" >"$work/kiosk-$name.log" 2>&1 &
  else
    "$kiosk" "${args[@]}" &
  fi
done

if $headless; then
  sleep 20
  echo; echo "after 20 s, the kiosks as the hub sees them:"
  "$hub" --db "$work/hub.db" devices
  echo; echo "entries the hub holds per device id:"
  "$hub" --db "$work/hub.db" reconciliation
  if command -v curl >/dev/null; then
    echo; echo "the dashboard's figures, as the organiser's page receives them:"
    curl -s -c "$work/cookies" -o /dev/null --data 'name=demo&password=passerelle+demo&next=/' "$url/login"
    curl -s -b "$work/cookies" "$url/web/events/1/figures" | grep -o '"participants":{[^}]*}' || true
  fi
  exit 0
fi
echo "two kiosks running; Ctrl-C stops them and the hub"
wait
