#!/usr/bin/env bash
# Issue #16: the Debian packages (cmake/PasserellePackaging.cmake) installed on this machine, as a
# technician would: `apt install` of all three, then an upgrade to a newer build, then remove and
# purge. Checks the users, the configuration's owner and conffile status, `systemd-analyze verify`
# on the installed units, that the installed programs find their installed assets (a badge PDF
# from the hub's fonts, the hub's pages over HTTP, the kiosk's demo under Xvfb), that the upgrade
# keeps an edited conffile and the kiosk's journal, and that removal and purge keep /var/lib.
#
#   package_test.sh BUILD_DIR
#
# It changes this machine (packages, users, /etc, /var/lib): it runs as root, and only under
# CI=true or PASSERELLE_PACKAGE_TEST=yes (a CI machine is thrown away; a developer says so). It
# refuses to run where a Passerelle install's state already is. Exit: 0 passed, 1 failed, 77 skipped.
set -euo pipefail
build=$(realpath "$1")

skip() {
  if [[ "${CI:-}" == "true" ]]; then
    echo "FAIL: $*; CI=true requires the package test to run"
    exit 1
  fi
  echo "SKIP: $*"
  exit 77
}
[[ "${CI:-}" == "true" || "${PASSERELLE_PACKAGE_TEST:-}" == "yes" ]] ||
  skip "it installs packages on this machine: set PASSERELLE_PACKAGE_TEST=yes to let it"
[[ $(id -u) -eq 0 ]] || skip "installing packages needs root"
for tool in cpack apt-get dpkg-query systemd-analyze xvfb-run curl; do
  command -v "$tool" >/dev/null 2>&1 || skip "no $tool here"
done
for state in /var/lib/passerelle-kiosk /var/lib/passerelle-hub /etc/passerelle; do
  if [[ -e "$state" ]] && ! dpkg-query -W passerelle-kiosk >/dev/null 2>&1; then
    echo "FAIL: $state exists and is not a package's: this machine holds a Passerelle install; not touching it"
    exit 1
  fi
done

work=$(mktemp -d)
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ok() { echo "ok: $*"; }
export DEBIAN_FRONTEND=noninteractive
apt_quiet() { apt-get -y -qq -o Dpkg::Options::=--force-confold "$@" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; return 1; }; }
packages=(passerelle-kiosk passerelle-hub passerelle-common)
cleanup() {
  apt-get -y -qq purge "${packages[@]}" >/dev/null 2>&1 || true
  rm -rf /var/lib/passerelle-kiosk /var/lib/passerelle-hub "$work"
}
trap cleanup EXIT
apt-get -y -qq purge "${packages[@]}" >/dev/null 2>&1 || true

# Two builds of the same tree: release 1, and release 2 as the newer one.
for release in 1 2; do
  (cd "$build" && cpack -G DEB -B "$work/r$release" -D CPACK_DEBIAN_PACKAGE_RELEASE=$release >"$work/cpack-$release.log" 2>&1) ||
    { cat "$work/cpack-$release.log"; echo "FAIL: cpack"; exit 1; }
done
ls "$work"/r1/*.deb "$work"/r2/*.deb

# ---- install
apt_quiet install "$work"/r1/passerelle-*.deb || { echo "FAIL: apt install"; exit 1; }
for package in "${packages[@]}"; do
  version=$(dpkg-query -W -f='${Version}' "$package")
  [[ "$version" == *-1 ]] && ok "$package $version installed" || fail "$package: version $version"
done
getent passwd passerelle >/dev/null && getent passwd passerelle-hub >/dev/null && ok "users passerelle and passerelle-hub" ||
  fail "the users were not made"
for group in video render input audio dialout; do
  id -nG passerelle | tr ' ' '\n' | grep -qx "$group" || fail "passerelle is not in $group"
done
[[ $(stat -c '%U:%G %a' /etc/passerelle/kiosk.toml) == "root:passerelle 640" ]] && ok "kiosk.toml root:passerelle 0640" ||
  fail "kiosk.toml is $(stat -c '%U:%G %a' /etc/passerelle/kiosk.toml)"
[[ $(stat -c '%U:%G' /var/lib/passerelle-kiosk) == "passerelle:passerelle" ]] || fail "/var/lib/passerelle-kiosk's owner"
conffiles=$(dpkg-query -W -f='${Conffiles}' passerelle-kiosk)
for conffile in /etc/passerelle/kiosk.toml /etc/pam.d/passerelle-kiosk; do
  grep -q " $conffile " <<<"$conffiles" && ok "conffile $conffile" || fail "$conffile is not a conffile"
done
for unit in passerelle-hub.service passerelle-kiosk.service; do
  if output=$(systemd-analyze verify "/lib/systemd/system/$unit" 2>&1) && [[ -z "$output" ]]; then
    ok "systemd-analyze verify /lib/systemd/system/$unit"
  else
    fail "systemd-analyze verify $unit: $output"
  fi
done
# Neither is enabled against its will in a container; where systemd runs, both are (postinst).
if [[ -d /run/systemd/system ]]; then
  systemctl is-enabled passerelle-hub.service >/dev/null || fail "passerelle-hub.service is not enabled"
fi

# The installed programs, on their installed assets (no PASSERELLE_ASSETS, no source tree).
unset PASSERELLE_ASSETS
hub_db=$work/hub.db
hub() { /usr/bin/passerelle-hub --db "$hub_db" "$@" >>"$work/hub.log" 2>&1 || { cat "$work/hub.log"; return 1; }; }
cp /usr/share/passerelle/assets/demo/*.{toml,csv} "$work/"
if hub init --event-config "$work/event.toml" && hub import participants "$work/participants.csv" &&
  hub badges --out "$work/badges.pdf" && hub export-kiosk "$work/kiosk.db"; then
  head -c 5 "$work/badges.pdf" | grep -q '%PDF-' && ok "the installed hub prints badges with its installed fonts" ||
    fail "no badge PDF"
else
  fail "the installed hub could not set up the demo event"
fi
/usr/bin/passerelle-hub --db "$hub_db" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 1 100); do grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
if [[ -n "$url" ]] && curl -fsS "$url/login" | grep -qi '<form' &&
  grep -q "pages from /usr/share/passerelle/assets/web" "$work/serve.log"; then
  ok "the installed hub serves its installed pages ($url/login)"
else
  fail "no login page from the installed hub: $(cat "$work/serve.log")"
fi
kill "$serve_pid" && wait "$serve_pid" || true
printf 'expect screen scan\nscreenshot scan\nquit\n' >"$work/kiosk.script"
# XDG_RUNTIME_DIR: where --demo builds its database, away from anyone else's demo.
if XDG_RUNTIME_DIR=$work SDL_AUDIODRIVER=dummy timeout 120 xvfb-run -a /usr/bin/passerelle-kiosk --demo --windowed --camera none \
  --script "$work/kiosk.script" --screenshot-dir "$work/shots" --verbose >"$work/kiosk.log" 2>&1 &&
  [[ -s "$work/shots/scan.png" ]] && grep -q "assets from /usr/share/passerelle/assets" "$work/kiosk.log"; then
  ok "the installed kiosk runs the demo on its installed assets"
else
  fail "the installed kiosk: $(tail -5 "$work/kiosk.log")"
fi

# A fresh install has no kiosk database: the installed configuration brings up the first-boot
# screen (enrol, or a bundle from a USB stick, which the udev rule mounts).
printf 'expect screen first_boot\nscreenshot first_boot\nquit\n' >"$work/first.script"
if SDL_AUDIODRIVER=dummy timeout 120 xvfb-run -a /usr/bin/passerelle-kiosk --config /etc/passerelle/kiosk.toml \
  --windowed --camera none --script "$work/first.script" --screenshot-dir "$work/first-shots" >"$work/first.log" 2>&1 &&
  [[ -s "$work/first-shots/first_boot.png" ]] && [[ ! -e /var/lib/passerelle-kiosk/kiosk.db ]]; then
  ok "a fresh kiosk shows its first-boot screen and writes nothing"
else
  fail "the fresh kiosk: $(tail -5 "$work/first.log")"
fi
[[ -f /lib/udev/rules.d/90-passerelle-usb.rules ]] && ok "the USB stick rule is installed" || fail "no udev rule"

# ---- upgrade: an edited conffile and the kiosk's journal stay
install -m 640 -o passerelle -g passerelle "$work/kiosk.db" /var/lib/passerelle-kiosk/kiosk.db
journal_sum=$(sha256sum /var/lib/passerelle-kiosk/kiosk.db)
echo '# edited on this kiosk' >>/etc/passerelle/kiosk.toml
apt_quiet install "$work"/r2/passerelle-*.deb || fail "apt install of the newer build"
for package in "${packages[@]}"; do
  version=$(dpkg-query -W -f='${Version}' "$package")
  [[ "$version" == *-2 ]] && ok "$package upgraded to $version" || fail "$package: version $version after the upgrade"
done
grep -q '^# edited on this kiosk$' /etc/passerelle/kiosk.toml && ok "the upgrade kept the edited kiosk.toml" ||
  fail "the upgrade lost the edit to kiosk.toml"
[[ $(stat -c '%U:%G %a' /etc/passerelle/kiosk.toml) == "root:passerelle 640" ]] || fail "kiosk.toml's mode after the upgrade"
[[ "$(sha256sum /var/lib/passerelle-kiosk/kiosk.db)" == "$journal_sum" ]] && ok "the upgrade kept the kiosk's database" ||
  fail "the upgrade changed the kiosk's database"

# ---- remove, then purge: /var/lib stays
apt_quiet remove "${packages[@]}" || fail "apt remove"
[[ ! -e /usr/bin/passerelle-hub && ! -e /usr/bin/passerelle-kiosk ]] || fail "the programs are still there after remove"
[[ -f /etc/passerelle/kiosk.toml ]] && ok "remove keeps the configuration" || fail "remove deleted kiosk.toml"
[[ "$(sha256sum /var/lib/passerelle-kiosk/kiosk.db)" == "$journal_sum" ]] && ok "remove keeps /var/lib/passerelle-kiosk" ||
  fail "remove touched the kiosk's database"
apt_quiet purge "${packages[@]}" || fail "apt purge"
[[ ! -e /etc/passerelle/kiosk.toml ]] && ok "purge deletes the configuration" || fail "purge left kiosk.toml"
[[ "$(sha256sum /var/lib/passerelle-kiosk/kiosk.db)" == "$journal_sum" ]] && ok "purge keeps the kiosk's journal" ||
  fail "purge touched the kiosk's database"

if ((failures > 0)); then
  echo "package_test: $failures failure(s)"
  exit 1
fi
echo "package_test: passed"
