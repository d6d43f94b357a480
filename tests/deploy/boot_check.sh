#!/usr/bin/env bash
# The packages under a real systemd: Debian 12 made with debootstrap, booted in a container
# (systemd-nspawn), the packages installed there with apt before the boot, as on a box prepared
# offline. Checks, as systemd itself runs the units:
#   - the hub starts as a service: "active (running)" only after READY=1, its watchdog armed, no
#     restart while it beats, its address in the journal;
#   - the kiosk's unit is enabled and, on this screenless container, skipped for want of tty1;
#   - the kiosk's session itself (the shipped unit, sandbox and all) with one drop-in standing in
#     for the screen: cage in a window of an Xvfb instead of on a DRM display and tty1 (no seat to
#     take). cage starts, the kiosk's READY=1 crosses cage (NotifyAccess=all), the screen read back
#     shows the kiosk, and its beats keep it up;
#   - from nothing to a check-in through the services: the demo event set up on the hub as the
#     operations guide says, the kiosk enrolled by its ticket typed into it, a badge checked in and
#     seen at the hub;
#   - both watchdogs: each program frozen with SIGSTOP is killed and restarted by systemd.
# A manual check (deploy/README.md, "Packages"), not a CTest: debootstrap downloads some 100 MB and
# the watchdogs take minutes, more than CI's budget. Each run starts from a fresh copy of the
# debootstrapped tree.
# The container shares the host's network, so the hub's port, 8443, must be free here.
# Usage, as root on Debian 12: tests/deploy/boot_check.sh RELEASE_BUILD_DIR [MACHINES_DIR]
set -uo pipefail
build=$(realpath "$1")
machines=${2:-/var/lib/machines}
base=$machines/passerelle-boot-base
root=$machines/passerelle-boot
failed=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failed=1; }

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq systemd-container debootstrap xvfb x11-apps netpbm xdotool >/dev/null ||
  { echo "FAIL: cannot install systemd-nspawn, Xvfb, xwd, netpbm or xdotool"; exit 1; }
if [[ ! -x "$base/usr/bin/apt-get" ]]; then
  rm -rf "$base"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,ca-certificates bookworm "$base" \
    http://deb.debian.org/debian >/tmp/passerelle-boot-debootstrap.log || { echo "FAIL: debootstrap"; exit 1; }
fi
rm -rf "$root" && cp -a "$base" "$root" || { echo "FAIL: cannot copy $base"; exit 1; }
(cd "$build" && rm -f passerelle-*.deb && cpack -G DEB >/tmp/passerelle-boot-cpack.log) || { echo "FAIL: cpack"; exit 1; }
# Not /tmp: nspawn mounts an empty tmpfs there.
mkdir -p "$root/var/tmp/passerelle-debs" && cp "$build"/passerelle-*.deb "$root/var/tmp/passerelle-debs/"
# --keep-unit --register=no: this host need not run systemd itself.
nspawn=(systemd-nspawn -q --keep-unit --register=no -D "$root")
"${nspawn[@]}" --pipe bash -c 'apt-get update -qq && apt-get install -y -qq /var/tmp/passerelle-debs/*.deb' \
  >/tmp/passerelle-boot-apt.log 2>&1 && ok "apt install of the packages in the container" ||
  { fail "apt install: $(tail -5 /tmp/passerelle-boot-apt.log)"; exit 1; }

display=:$((70 + RANDOM % 20))
Xvfb $display -screen 0 1024x768x24 -nolisten tcp >/tmp/passerelle-boot-xvfb.log 2>&1 &
xvfb=$!
"${nspawn[@]}" --boot >/tmp/passerelle-boot-console.log 2>&1 &
container=$!
trap 'kill $container $xvfb 2>/dev/null; wait $container $xvfb 2>/dev/null' EXIT
leader=""
for _ in $(seq 1 100); do
  # nspawn's first child only sets up the namespaces; the container's init replaces it.
  leader=$(pgrep -P "$container" -x systemd | head -n 1)
  [[ -n "$leader" ]] && break
  sleep 0.2
done
[[ -n "$leader" ]] || { fail "the container did not start"; exit 1; }
inside() { nsenter -t "$leader" -a "$@"; }
property() { inside systemctl show -p "$2" --value "$1"; }
# wait_for SECONDS COMMAND...: true once COMMAND succeeds.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}
is_active() { [[ $(inside systemctl is-active "$1" 2>/dev/null) == active ]]; }
booted() {
  local state
  state=$(inside systemctl is-system-running 2>/dev/null)
  [[ "$state" == running || "$state" == degraded ]]
}
wait_for 60 booted && ok "booted: $(inside systemctl is-system-running)" || fail "boot: $(inside systemctl is-system-running)"

# ---- the hub
hub=passerelle-hub.service
# running UNIT WATCHDOG JOURNAL_LINE: active once its READY=1 came, its watchdog armed, and its
# journal holding a line that matches.
running() {
  if wait_for 30 is_active "$1"; then
    ok "$1 is active (running): READY=1 came"
  else
    fail "$1: $(inside journalctl -u "$1" --no-pager -o cat | tail -8)"
  fi
  local watchdog
  watchdog=$(property "$1" WatchdogUSec)
  [[ "$watchdog" == "$2" ]] && ok "its watchdog is armed ($2)" || fail "$1: WatchdogUSec=$watchdog"
  inside journalctl -u "$1" --no-pager -o cat | grep -q "$3" && ok "its journal says '$3'" ||
    fail "no '$3' in the journal of $1"
}
running $hub 1min "listening on"

# ---- the kiosk's unit as installed
kiosk=passerelle-kiosk.service
[[ $(inside systemctl is-enabled $kiosk 2>&1) == enabled ]] && ok "$kiosk is enabled" || fail "the kiosk unit is not enabled"
[[ $(property $kiosk ConditionResult) == no ]] && ok "with no tty1 here, the kiosk's unit is skipped, not failed" ||
  fail "the kiosk unit on a screenless box: $(property $kiosk ActiveState) $(property $kiosk ConditionResult)"

# ---- the kiosk's session on a stand-in screen
# cage draws into a window of an Xvfb on this host (wlroots' x11 backend) instead of a DRM screen:
# the container shares the host's network namespace, so the X server's abstract socket reaches
# through the unit's PrivateTmp=. The screen is then read back with xwd.
inside mkdir -p /run/systemd/system/$kiosk.d
inside tee /run/systemd/system/$kiosk.d/screen.conf >/dev/null <<EOF
# boot_check.sh: no tty1, seat or DRM screen in a container.
[Unit]
ConditionPathExists=
[Service]
PAMName=
TTYPath=
StandardInput=null
Environment=WLR_BACKENDS=x11 WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 DISPLAY=$display
EOF
inside systemctl daemon-reload
inside systemctl start $kiosk
running $kiosk 30s "^passerelle-kiosk: "  # the kiosk's READY=1 came through cage
status=$(property $kiosk StatusText)
[[ "$status" == *first-boot* ]] && ok "its status: $status" || fail "the kiosk's status line: '$status'"
sleep 3
shot=/tmp/passerelle-boot-kiosk.png
if DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$shot" 2>/dev/null; then
  colours=$(pngtopnm "$shot" | ppmhist -noheader 2>/dev/null | wc -l)
  ((colours > 16)) && ok "the screen shows the kiosk ($colours colours): $shot" ||
    fail "the screen is blank ($colours colours): $shot"
else
  fail "cannot read the screen back"
fi

# ---- from nothing to a check-in, as docs/OPERATIONS.md tells it, through the installed services
# The demo event moved to today (a check-in on another day is refused), imported into the running
# hub as its own user; the kiosk enrolled by its ticket typed as a wedge scanner types (xdotool
# into cage's window); one badge; the hub's attendance export shows it.
hubcli() { inside runuser -u passerelle-hub -- passerelle-hub --db /var/lib/passerelle-hub/hub.db "$@"; }
work=/var/lib/passerelle-hub/work
inside runuser -u passerelle-hub -- mkdir -p $work
today=$(inside date +%F)
inside runuser -u passerelle-hub -- sh -c "sed -e 's/^days = .*/days = [\"$today\"]/' \
  -e 's/^day = .*/day = \"$today\"/' /usr/share/passerelle/assets/demo/event.toml >$work/event.toml"
if hubcli init --event-config $work/event.toml >/tmp/passerelle-boot-hub.log 2>&1 &&
  hubcli import participants /usr/share/passerelle/assets/demo/participants.csv >>/tmp/passerelle-boot-hub.log 2>&1 &&
  hubcli export badges $work/codes.csv >>/tmp/passerelle-boot-hub.log 2>&1 &&
  enrolment=$(hubcli enrol --hub-url https://127.0.0.1:8443 --name "Door 1") && ticket=${enrolment%%$'\n'*} &&
  [[ "$ticket" == PSLENROL1* ]]; then
  ok "the hub's event for $today: imported, badge codes exported, an enrolment ticket"
else
  fail "setting up the hub's event: $(tail -5 /tmp/passerelle-boot-hub.log)"
fi
badge=$(inside sed -n 2p $work/codes.csv | tr -d '\r')
person=${badge%%,*}
badge=${badge##*,}
scan() {
  DISPLAY=$display xdotool mousemove 500 700 type --delay 5 "$1"
  DISPLAY=$display xdotool key Return
}
kiosk_ready() { [[ $(property $kiosk StatusText) == "showing the kiosk" ]]; }
scan "$ticket"
wait_for 90 kiosk_ready && ok "the kiosk enrolled with the hub and downloaded its event: '$(property $kiosk StatusText)'" ||
  fail "the kiosk after its ticket: $(property $kiosk StatusText); $(inside journalctl -u $kiosk --no-pager -o cat | tail -3)"
sleep 2
scan "$badge"
sleep 1
DISPLAY=$display xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >/tmp/passerelle-boot-welcome.png 2>/dev/null
at_hub() {
  hubcli export attendance $work/attendance.csv >/dev/null 2>&1 &&
    inside grep -q "^$person,.*,$today [0-9][0-9]:[0-9][0-9]," $work/attendance.csv
}
wait_for 60 at_hub && ok "$person checked in at the kiosk, synced: the hub's attendance has them today" \
  "(screen: /tmp/passerelle-boot-welcome.png)" || fail "no check-in of $person at the hub: $(hubcli devices 2>&1 | tail -2)"

sleep 35  # past both watchdogs' half periods and the kiosk's whole one: the beats arrive
[[ $(property $hub NRestarts) == 0 ]] && is_active $hub && ok "the hub runs on, no watchdog restart after 35 s" ||
  fail "the hub was restarted"
[[ $(property $kiosk NRestarts) == 0 ]] && is_active $kiosk && ok "the kiosk runs on, no watchdog restart after 35 s" ||
  fail "the kiosk was restarted: $(inside journalctl -u $kiosk --no-pager -o cat | tail -5)"

# ---- both watchdogs: a frozen program is killed and started again
# systemctl kill: the container has no procps. The kiosk's whole session (script, cage, kiosk)
# stops, as a wedged GPU would leave it.
frozen_at=$SECONDS
inside systemctl kill --kill-who=main --signal=SIGSTOP $hub
inside systemctl kill --signal=SIGSTOP $kiosk
restarted() { [[ $(property "$1" NRestarts) -ge 1 ]] && is_active "$1"; }
# The watchdog period, then SIGABRT (pending on a stopped process), then SIGKILL after
# TimeoutStopSec=15, then RestartSec=3 and a new READY=1.
if wait_for 120 restarted $kiosk; then
  ok "the frozen kiosk was restarted by its watchdog, running again within $((SECONDS - frozen_at)) s"
else
  fail "the frozen kiosk: $(inside journalctl -u $kiosk --no-pager -o cat | tail -5)"
fi
if wait_for 120 restarted $hub; then
  ok "the frozen hub was restarted by its watchdog, running again within $((SECONDS - frozen_at)) s"
else
  fail "the frozen hub: $(inside journalctl -u $hub --no-pager -o cat | tail -5)"
fi
inside journalctl -u $hub -u $kiosk --no-pager -o cat | grep "Watchdog timeout" | sed 's/^/  journal: /'

inside systemctl poweroff >/dev/null 2>&1
wait $container 2>/dev/null
kill $xvfb 2>/dev/null
trap - EXIT
[[ $failed == 0 ]] && echo "all boot checks passed" || echo "some boot checks FAILED"
exit $failed
