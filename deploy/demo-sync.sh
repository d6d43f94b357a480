#!/usr/bin/env bash
# Three kiosks and a hub on this machine: the hub serves the demo event on loopback, each kiosk is
# enrolled with its own one-time code. Two stand at the entrance and show the demo's signed badges
# in their own orders, so each soon refuses people the other one already checked in ("already
# checked in at ... on the other kiosk"); the third stands at the B2B tables, where the demo's
# meetings run in 5-minute rounds from now on. Staff PIN 1234; the staff screen's Device section
# shows the hub link. The organisers' dashboard and the B2B hall's wall page are at the hub's
# address: log in as "demo", password "passerelle demo".
#   deploy/demo-sync.sh             two windowed kiosks (needs a display)
#   deploy/demo-sync.sh --headless  no display: the hub's device list and live stream instead
# Ctrl-C stops everything; nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."

# PASSERELLE_BUILD_DIR: use the programs of an existing build tree instead of building.
build=${PASSERELLE_BUILD_DIR:-}
if [[ -z "$build" ]]; then
  build=build/release
  source deploy/build-release.sh
  passerelle_build_release
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
# dashboard, which counts presences on the event's days only. Its B2B session starts with the
# round under way: 14 rounds of 5 minutes (a half-day of 8, then of 6), scans counting from a
# minute before a meeting to a minute after, so that tables turn held, one-sided or no-show while
# you watch. Past 22:45 the rounds would cross midnight: the session then keeps its hours.
today=$(TZ=Europe/Amsterdam date +%F)
tomorrow=$(TZ=Europe/Amsterdam date -d tomorrow +%F)
now=$(TZ=Europe/Amsterdam date +%H:%M)
minute=$((10#${now%:*} * 60 + 10#${now#*:}))
session=(-e "s/2026-12-08/$today/g" -e "s/2026-12-09/$tomorrow/g")
start=$((minute - minute % 5))
if ((start + 75 <= 24 * 60)); then
  hhmm() { printf '%02d:%02d' $(($1 / 60)) $(($1 % 60)); }
  session+=(-e "s/^start = .*/start = \"$(hhmm $start)\"/" -e 's/^slot_minutes = .*/slot_minutes = 5/'
            -e 's/^pause_minutes = .*/pause_minutes = 0/'
            -e "s/^afternoon_start = .*/afternoon_start = \"$(hhmm $((start + 45)))\"/"
            -e 's/^tables = 40$/tables = 40\nearly_minutes = 1\nlate_minutes = 1\ngrace_minutes = 2/')
  rounds="B2B rounds of 5 minutes from $(hhmm $start) (Amsterdam time)"
else
  rounds="B2B rounds at the demo's own hours: it is too late today for 14 rounds before midnight"
fi
sed "${session[@]}" assets/demo/event.toml >"$work/event.toml"
"$hub" --db "$work/hub.db" init --event-config "$work/event.toml" >/dev/null
"$hub" --db "$work/hub.db" import participants assets/demo/participants.csv >/dev/null
"$hub" --db "$work/hub.db" import meetings assets/demo/meetings.csv >/dev/null
# 0: every request placed; 20 and 21 (some left out, or not settled in time) still leave a schedule.
placed=0
"$hub" --db "$work/hub.db" schedule --time-limit 20 >"$work/schedule.out" 2>&1 || placed=$?
if ((placed != 0 && placed != 20 && placed != 21)); then
  cat "$work/schedule.out" >&2
  echo "demo-sync: the B2B schedule failed" >&2
  exit 1
fi
"$hub" --db "$work/hub.db" export badges "$work/badges.csv" >/dev/null

"$hub" --db "$work/hub.db" serve --listen 127.0.0.1:0 >"$work/hub.out" 2>&1 &
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/hub.out" || true)
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/hub.out"; echo "demo-sync: the hub did not start" >&2; exit 1; }
echo "hub: $url (a scratch database, removed when the demo stops)"
echo "$rounds"

headless=false
[[ "${1:-}" == "--headless" || -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && headless=true
# The staff PIN is set on the hub, from standard input, and each bundle carries its hash.
printf '1234\n' | "$hub" --db "$work/hub.db" staff-pin >/dev/null
# An organiser's account for the dashboard (a demo's password: never one like it on a real hub).
printf 'passerelle demo\n' | "$hub" --db "$work/hub.db" account add demo --event 1 >/dev/null
echo "dashboard: $url/  (log in as demo, password: passerelle demo)"
echo "B2B wall:  $url/events/1/wall"
# The people with meetings: the external ids of meetings.csv, then their badge codes (the first and
# last columns of the badges' CSV: neither holds a comma).
tail -n +2 assets/demo/meetings.csv | cut -d, -f1,2 | tr ',' '\n' | sort -u >"$work/b2b-ids.txt"
awk -F, 'NR == FNR { wanted[$1] = 1; next } FNR > 1 && ($1 in wanted) { print $NF }' \
  "$work/b2b-ids.txt" "$work/badges.csv" >"$work/b2b-codes.txt"
for name in a b c; do
  "$hub" --db "$work/hub.db" export-kiosk "$work/kiosk-$name.db" >/dev/null
  # Each kiosk's camera shows the badges in its own order; the B2B kiosk's, those with meetings.
  codes="$work/badges.csv"
  [[ "$name" == c ]] && codes="$work/b2b-codes.txt"
  if [[ "$name" == b ]]; then
    # Every third badge kiosk b shows is one kiosk a showed a little earlier: that person is
    # refused here ("already checked in ... at Entrance"), as at a real door where someone tries a
    # second entrance. The others come from the far end of a's order: new to both, for now.
    awk '{ a[NR] = $0 } END { j = NR; k = 1; for (i = 1; i <= NR; ++i) print (i % 3 == 0 ? a[k++] : a[j--]) }' \
      "$work/codes-a.txt" >"$work/codes-b.txt"
  else
    grep -o 'PSL-[A-Z0-9]*' "$codes" | shuf --random-source=<(yes "$name") >"$work/codes-$name.txt"
  fi
  # Whole output first: `grep -m1` on a pipe would close it under the QR code still being written.
  enrolled=$("$hub" --db "$work/hub.db" enrol --hub-url "$url" --name "demo kiosk $name")
  ticket=$(grep -m1 -o 'PSLENROL1 .*' <<<"$enrolled")
  printf '[sync]\nname = "demo kiosk %s"\n' "$name" >"$work/kiosk-$name.toml"  # its name in `devices`
  [[ "$name" == c ]] && printf '[kiosk]\ncheckpoint = "B2B tables: Hall Maas"\n' >>"$work/kiosk-$name.toml"
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
  sleep 30
  echo; echo "after 30 s, the kiosks as the hub sees them:"
  "$hub" --db "$work/hub.db" devices
  if command -v curl >/dev/null; then
    # The hub's live stream from its start: every entry, with its device and outcome (external ids,
    # never names). A refusal whose person another kiosk checked in is the sync at work.
    token=$("$hub" --db "$work/hub.db" token create --organiser --label demo-sync 2>/dev/null | tail -n 1)
    curl -s -N --max-time 2 -H "Authorization: Bearer $token" "$url/v1/events/1/live" >"$work/live.txt" || true
    "$hub" --db "$work/hub.db" devices | awk 'NF >= 3 && $1 ~ /^[0-9a-f-]+$/ { print $1, $2, $3, $4 }' >"$work/names.txt"
    echo; echo "refused at one kiosk, checked in at another (the other kiosk's check-in came through the hub):"
    awk '
      function field(name,   at) {
        if (!match($0, "\"" name "\":\"?[^,\"}]*")) return ""
        at = substr($0, RSTART, RLENGTH); sub("^\"" name "\":\"?", "", at); return at
      }
      FNR == NR { name[$1] = $2 " " $3 " " $4; next }
      /^data: / {
        device = field("device"); outcome = field("outcome"); person = field("participant")
        if (outcome == "accepted" && !(person in first)) first[person] = device
        else if (outcome == "already_checked_in" && (person in first) && first[person] != device) {
          print "  " name[device] " refused " person ": " name[first[person]] " had checked them in"; shown++
        }
      }
      END { if (!shown) print "  none yet: kiosk b repeats one of kiosk a'"'"'s people every third badge" }
    ' "$work/names.txt" "$work/live.txt"
  fi
  echo; echo "the B2B meetings so far (demo kiosk c stands at the tables):"
  "$hub" --db "$work/hub.db" meetings | head -n 12
  if command -v curl >/dev/null; then
    echo; echo "the dashboard's figures, as the organiser's page receives them:"
    curl -s -c "$work/cookies" -o /dev/null --data 'name=demo&password=passerelle+demo&next=/' "$url/login"
    curl -s -b "$work/cookies" "$url/web/events/1/figures" | grep -o '"participants":{[^}]*}\|"meetings":{[^}]*}' || true
  fi
  exit 0
fi
echo "three kiosks running; Ctrl-C stops them and the hub"
wait
