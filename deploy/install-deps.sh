#!/usr/bin/env bash
# Installs the Debian 12 packages Passerelle needs. Idempotent and quiet when all is there.
#   deploy/install-deps.sh          build and run (compiler, libraries)
#   deploy/install-deps.sh --test   also what the test suites and benchmarks use, and the browser
#                                   tests' npm packages (npm ci in tests/web when node_modules is
#                                   missing or older than its package-lock.json)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

runtime=(
  build-essential cmake pkg-config
  libsqlite3-dev libsodium-dev libsystemd-dev libicu-dev libtomlplusplus-dev nlohmann-json3-dev libcpp-httplib-dev libboost1.74-dev zlib1g-dev libssl-dev libpq-dev
  libqrencode-dev libcairo2-dev libfreetype-dev libzxing-dev libcadical-dev
  libsdl2-dev libimgui-dev libstb-dev libturbojpeg0-dev libgl-dev libgl1-mesa-dri
  cups-client
  xvfb xauth  # without a display the demos run the kiosk under xvfb-run
)
testing=(
  libgtest-dev libgmock-dev libbenchmark-dev
  poppler-utils
  clang-14 libclang-rt-14-dev
  postgresql systemd openssl curl
  cage xwayland  # what passerelle-kiosk.deb depends on: the package test installs it offline
  chromium
)

wanted=("${runtime[@]}")
case "${1:-}" in
  --test) wanted+=("${testing[@]}") ;;
  "") ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
# Node.js and npm for the browser tests (tests/web): Debian's packages when the machine has none.
# A Node.js installed otherwise (one that bundles npm, and conflicts with Debian's npm) is kept.
if [[ "${1:-}" == "--test" ]]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core, pinned by tests/web/package-lock.json; it drives Debian's chromium and never
# downloads a browser of its own. npm writes node_modules/.package-lock.json at each install.
if [[ "${1:-}" == "--test" ]]; then
  web="$here/../tests/web"
  if [[ ! -f "$web/node_modules/.package-lock.json" || "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]]; then
    echo "install-deps: npm ci in tests/web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
