#!/usr/bin/env bash
# Builds the kiosk and the hub for the demos into build/release (a Release build: -O3, no tests)
# with one line of progress instead of the compiler's pages; its words go to build/release/build.log
# and are shown in full only if the build fails. Sourced by demo.sh and demo-sync.sh; runs alone too.
#   deploy/build-release.sh     (JOBS=N to choose the parallelism; default: every core)
passerelle_build_release() {
  local -
  set -o pipefail
  local dir=build/release jobs=${JOBS:-$(nproc)}
  mkdir -p build
  echo "Building Passerelle in $dir on $jobs cores (a first build takes several minutes)..."
  if ! cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_BUILD_TESTS=OFF \
    -DPASSERELLE_BUILD_BENCHMARKS=OFF >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"
    echo "build-release: cmake could not configure the build (above); is deploy/install-deps.sh run?" >&2
    return 1
  fi
  rm -f "$dir.configure.log"
  local status=0 line
  # Make prints "[ 42%] ...", Ninja "[12/144] ...": either becomes the progress line.
  cmake --build "$dir" -j "$jobs" --target passerelle-hub passerelle-kiosk 2>&1 | tee "$dir/build.log" |
    while IFS= read -r line; do
      if [[ "$line" =~ ^\[\ *([0-9]+%)\] || "$line" =~ ^\[([0-9]+/[0-9]+)\] ]]; then
        printf '\r  %s ' "${BASH_REMATCH[1]}"
      fi
    done || status=$?
  printf '\r'
  if ((status != 0)); then
    cat "$dir/build.log"
    echo "build-release: the build failed (above; also in $dir/build.log)" >&2
    return 1
  fi
  echo "Built $dir/sync/hub/passerelle-hub and $dir/kiosk/app/passerelle-kiosk."
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  passerelle_build_release
fi
