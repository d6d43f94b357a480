#!/usr/bin/env bash
# The demo: builds Passerelle and starts the kiosk on its demo event (assets/demo) with the
# synthetic camera, which shows demo badges: check-ins and refusals happen within seconds.
# Staff PIN of the demo: 1234. Without a display (a server over ssh), it runs the organiser's
# side instead: the demo event, badges and check-ins through passerelle-hub.
#   deploy/demo.sh            fullscreen kiosk (or the command-line demo without a display)
#   deploy/demo.sh --windowed the kiosk in a window
#   deploy/demo.sh --cli      the command-line demo
set -euo pipefail
cd "$(dirname "$0")/.."

source deploy/build-release.sh
passerelle_build_release
hub=build/release/sync/hub/passerelle-hub
kiosk=build/release/kiosk/app/passerelle-kiosk

if [[ "${1:-}" != "--cli" ]]; then
  if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec "$kiosk" --demo "$@"
  fi
  echo "No display here (DISPLAY and WAYLAND_DISPLAY are unset): running the command-line demo."
  echo "On a desktop, this command starts the fullscreen kiosk; or try: xvfb-run $kiosk --demo --windowed"
fi
db=build/demo/demo.db
mkdir -p build/demo
rm -f "$db" "$db-wal" "$db-shm"

# Each step is shown as a command that can be copied and run again: the whole program path, the
# database, and each word quoted where a shell needs it.
shell_words() {
  local word out=()
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then out+=("$word"); else out+=("'${word//\'/\'\\\'\'}'"); fi
  done
  printf '%s' "${out[*]}"
}
step() { printf '\n\033[1m$ %s\033[0m\n' "$(shell_words "$hub" --db "$db" "$@")"; }
run() { step "$@"; "$hub" --db "$db" "$@" || echo "(exit status $?)"; }

run init --event-config assets/demo/event.toml
run import participants assets/demo/participants.csv
run import meetings assets/demo/meetings.csv
run schedule
run search muller
run search ostergaard
run search strauss
run search wrobel

# Ticket codes of a registered, a cancelled and a blocked participant of the demo event.
code_for() { grep -m1 -oE "EIF-TKT-[A-Z0-9]{6}[^,]*,$1\$" assets/demo/participants.csv | cut -c1-14; }
registered=$(code_for registered)
cancelled=$(code_for cancelled)
blocked=$(code_for blocked)
run checkin "$registered"
run checkin "$registered"
run checkin "$registered" --checkpoint "B2B area"
run checkin "$registered" --checkpoint "B2B area" --exit
run checkin "$registered" --checkpoint "Workshop B: Digital health without borders"
run checkin "$cancelled"
run checkin "$blocked"
run checkin "NOT-A-BADGE"
run checkin --manual EIF26-0001 --operator "Desk 1"

# Signed badges: print them, check one in, reissue it (the old badge is then revoked).
run badges --out build/demo/badges.pdf
run export badges build/demo/badge-codes.csv
line=$(grep -m1 ',registered,PSL-' build/demo/badge-codes.csv | tr -d '\r')
holder=${line%%,*}
signed=${line##*,}
run checkin "$signed"
run badges reissue "$holder"
run checkin "$signed" --checkpoint "B2B area"
run export-kiosk build/demo/kiosk.db
run export attendance build/demo/attendance.csv
printf '\nThe demo database is %s; the badges are in build/demo/badges.pdf.\nTry: %s --db %s search <name>\n' "$db" "$hub" "$db"
