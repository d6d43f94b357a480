#!/usr/bin/env bash
# Installs the Debian 12 packages Passerelle needs. Idempotent and quiet when all is there.
#   deploy/install-deps.sh          build and run (compiler, libraries)
#   deploy/install-deps.sh --test   also what the test suites and benchmarks use
set -euo pipefail

runtime=(
  build-essential cmake pkg-config
  libsqlite3-dev libsodium-dev libicu-dev libtomlplusplus-dev nlohmann-json3-dev libcpp-httplib-dev libboost1.74-dev zlib1g-dev libssl-dev libpq-dev
  libqrencode-dev libcairo2-dev libfreetype-dev libzxing-dev libcadical-dev
  libsdl2-dev libimgui-dev libstb-dev libturbojpeg0-dev libgl-dev libgl1-mesa-dri
  cups-client
)
testing=(
  libgtest-dev libgmock-dev libbenchmark-dev
  poppler-utils
  clang-14 libclang-rt-14-dev
  xvfb xauth
  postgresql systemd openssl
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
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
