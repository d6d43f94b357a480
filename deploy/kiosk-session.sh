#!/bin/sh
# The kiosk's session: cage (a Wayland kiosk compositor: one fullscreen application, no desktop,
# no VT switching) running passerelle-kiosk. Started by passerelle-kiosk.service as the
# unprivileged user `passerelle`; see deploy/README.md.
#
#   kiosk-session.sh [KIOSK FLAGS...]      e.g. kiosk-session.sh --verbose
#
# Environment (all optional):
#   PASSERELLE_KIOSK         the kiosk program       (default /usr/bin/passerelle-kiosk)
#   PASSERELLE_KIOSK_CONFIG  its configuration file  (default /etc/passerelle/kiosk.toml)
#   CAGE_FLAGS               cage's flags            (default -d: no client-side decorations)
#
# Exit status: the kiosk's own. Cage 0.1.4 (Debian 12) exits 0 whatever its application did, which
# would hide a crashed kiosk from systemd's Restart=on-failure; so this script runs itself inside
# cage as the application and hands the kiosk's status out through a file.
set -u

kiosk=${PASSERELLE_KIOSK:-/usr/bin/passerelle-kiosk}
config=${PASSERELLE_KIOSK_CONFIG:-/etc/passerelle/kiosk.toml}

if [ "${1:-}" = "--inside-cage" ]; then
  status_file=$2
  shift 2
  "$kiosk" --config "$config" "$@"
  status=$?
  printf '%s\n' "$status" >"$status_file"
  exit "$status"
fi

# systemd's RuntimeDirectory= and CacheDirectory=: under ProtectSystem=strict, /run/user/UID is
# read-only, and Mesa keeps its shader cache under XDG_CACHE_HOME.
if [ -n "${RUNTIME_DIRECTORY:-}" ]; then
  XDG_RUNTIME_DIR=$RUNTIME_DIRECTORY
  export XDG_RUNTIME_DIR
fi
if [ -n "${CACHE_DIRECTORY:-}" ]; then
  XDG_CACHE_HOME=$CACHE_DIRECTORY
  export XDG_CACHE_HOME
fi
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  echo "kiosk-session: XDG_RUNTIME_DIR is unset: start this from passerelle-kiosk.service" >&2
  exit 1
fi
if [ ! -x "$kiosk" ]; then
  echo "kiosk-session: no kiosk program at $kiosk (set PASSERELLE_KIOSK)" >&2
  exit 1
fi

# The unit's watchdog (Type=notify, NotifyAccess=all) is the kiosk's, which runs as cage's child:
# systemd's WATCHDOG_PID names this script, and sd_watchdog_enabled(3) in another process would
# then say there is no watchdog. Without it, the kiosk takes WATCHDOG_USEC as its own.
unset WATCHDOG_PID

# SDL would otherwise pick X11 through Xwayland: one more server between the kiosk and the screen.
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-wayland}
export SDL_VIDEODRIVER
# SDL 2.26 asks EGL for a display without naming the platform, and Mesa then guesses it by probing
# the display pointer with mincore(2), which the unit's system call filter used to refuse: the
# guess failed and the kiosk stopped with "Could not get EGL display" (found by booting the
# packages under systemd: tests/deploy/boot_check.sh). Named, there is nothing to guess.
if [ "$SDL_VIDEODRIVER" = wayland ]; then
  EGL_PLATFORM=${EGL_PLATFORM:-wayland}
  export EGL_PLATFORM
fi

status_file=$XDG_RUNTIME_DIR/passerelle-kiosk.status
rm -f "$status_file"
# shellcheck disable=SC2086 # CAGE_FLAGS is a list of flags
cage ${CAGE_FLAGS:--d} -- "$0" --inside-cage "$status_file" "$@"
cage_status=$?
if [ -r "$status_file" ]; then
  exit "$(cat "$status_file")"
fi
# The kiosk never ran or never finished (cage failed to start or was killed).
echo "kiosk-session: cage exited with status $cage_status before the kiosk finished" >&2
[ "$cage_status" -ne 0 ] && exit "$cage_status"
exit 1
