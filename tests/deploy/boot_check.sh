#!/usr/bin/env bash
# The packages under a real systemd: Debian 12 made with debootstrap, booted in a container
# (systemd-nspawn), the packages installed with apt. Checks that the hub starts as a service
# (Type=notify: "active (running)" only after READY=1, its watchdog armed), that the units load
# as systemd itself reads them, and that the kiosk's unit waits for its tty and seat as on a box
# without a screen. A manual check (deploy/README.md, "Packages"), not a CTest: debootstrap
# downloads some 100 MB and takes minutes, more than CI's budget.
# Usage, as root on Debian 12: tests/deploy/boot_check.sh RELEASE_BUILD_DIR [ROOT_DIR]
set -uo pipefail
build=$(realpath "$1")
root=${2:-/var/lib/machines/passerelle-boot}
failed=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failed=1; }

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq systemd-container debootstrap >/dev/null || { echo "FAIL: cannot install systemd-nspawn"; exit 1; }
if [[ ! -x "$root/usr/bin/apt-get" ]]; then
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,ca-certificates bookworm "$root" \
    http://deb.debian.org/debian >/tmp/passerelle-boot-debootstrap.log || { echo "FAIL: debootstrap"; exit 1; }
fi
(cd "$build" && rm -f passerelle-*.deb && cpack -G DEB >/tmp/passerelle-boot-cpack.log) || { echo "FAIL: cpack"; exit 1; }
rm -f "$root"/tmp/passerelle-*.deb
cp "$build"/passerelle-*.deb "$root/tmp/"
# Installed before the boot, as on a box prepared offline; apt resolves the dependencies.
systemd-nspawn -q -D "$root" --pipe bash -c 'apt-get update -qq && apt-get install -y -qq /tmp/passerelle-*.deb' \
  >/tmp/passerelle-boot-apt.log 2>&1 && ok "apt install of the packages in the container" ||
  { fail "apt install: $(tail -5 /tmp/passerelle-boot-apt.log)"; exit 1; }

systemd-nspawn -q -D "$root" --boot --register=no >/tmp/passerelle-boot-console.log 2>&1 &
nspawn=$!
trap 'kill $nspawn 2>/dev/null; wait $nspawn 2>/dev/null' EXIT
leader=""
for _ in $(seq 1 100); do
  # nspawn's first child only sets up the namespaces; the container's init replaces it.
  leader=$(pgrep -P "$nspawn" -x systemd | head -n 1)
  [[ -n "$leader" ]] && break
  sleep 0.2
done
[[ -n "$leader" ]] || { fail "the container did not start"; exit 1; }
inside() { nsenter -t "$leader" -a "$@"; }
for _ in $(seq 1 150); do
  state=$(inside systemctl is-system-running 2>/dev/null)
  [[ "$state" == running || "$state" == degraded ]] && break
  sleep 0.2
done
ok "booted: $state"
for _ in $(seq 1 100); do
  [[ $(inside systemctl is-active passerelle-hub.service 2>/dev/null) == active ]] && break
  sleep 0.2
done
if [[ $(inside systemctl is-active passerelle-hub.service) == active ]]; then
  ok "passerelle-hub.service is active (running): READY=1 came"
else
  fail "passerelle-hub.service: $(inside systemctl status passerelle-hub.service --no-pager 2>&1 | tail -8)"
fi
watchdog=$(inside systemctl show -p WatchdogUSec --value passerelle-hub.service)
[[ "$watchdog" == 1min ]] && ok "its watchdog is armed ($watchdog)" || fail "WatchdogUSec=$watchdog"
sleep 35  # past half the watchdog's period: beats, not a kill
[[ $(inside systemctl show -p NRestarts --value passerelle-hub.service) == 0 ]] && ok "no watchdog restart after 35 s" ||
  fail "the hub was restarted"
inside journalctl -u passerelle-hub.service --no-pager -o cat | grep -q "listening on" && ok "its journal says where it listens" ||
  fail "no 'listening on' in the hub's journal"
enabled=$(inside systemctl is-enabled passerelle-kiosk.service 2>&1)
[[ "$enabled" == enabled ]] && ok "passerelle-kiosk.service is enabled" || fail "the kiosk unit: $enabled"
echo "the kiosk unit on this screenless container: $(inside systemctl show -p ActiveState,SubState,ConditionResult --value passerelle-kiosk.service | tr '\n' ' ')"
inside systemctl poweroff >/dev/null 2>&1
wait $nspawn 2>/dev/null
trap - EXIT
exit $failed
