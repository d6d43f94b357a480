#!/usr/bin/env bash
# Builds and runs every test twice: a -Werror build, then an AddressSanitizer +
# UndefinedBehaviorSanitizer build. This is what CI runs (.ci/run).
# Build trees: build/ci and build/ci-sanitize. Set JOBS to override the parallelism.
# The sanitizer build is Debug (asserts on) at -O0, where ASan's checks are the most thorough and
# compiling takes half the time of -O1; the targets that run frame by frame or search hard in the
# tests (the synthetic camera and decoder, the scheduler) keep -O1 (passerelle_hot_path in
# cmake/PasserelleBuild.cmake): at -O0 they took the decode suites from seconds to minutes.
# -g1 keeps the line tables that a sanitizer's stack trace names.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}

run_suite() {
  local name=$1 dir=$2
  shift 2
  echo "== $name: configure and build (at ${SECONDS}s)"
  cmake -S . -B "$dir" -DPASSERELLE_WERROR=ON "$@" >/dev/null
  if ! cmake --build "$dir" -j "$jobs" >"$dir/build.log" 2>&1; then
    cat "$dir/build.log"
    echo "== $name: build failed"
    exit 1
  fi
  echo "== $name: test (at ${SECONDS}s)"
  # Two tests per core: most of them wait (on a kiosk's frames, a browser, a killed hub's restart,
  # a server's answer), and at one per core CTest kept the CPU little more than half busy.
  ctest --test-dir "$dir" --output-on-failure -j "$((jobs * 2))"
}

# Both builds are unity builds (PASSERELLE_UNITY_BUILD, cmake/PasserelleBuild.cmake): a clean build
# in batches takes a third of the time. The release build carries no debug information: nothing
# reads it here, and it slows compiling and linking; a failing test is rerun in a developer's tree.
run_suite "release" build/ci -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" \
  -DPASSERELLE_UNITY_BUILD=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite "sanitizers" build/ci-sanitize -DCMAKE_BUILD_TYPE=Debug -DPASSERELLE_SANITIZE=ON \
  -DPASSERELLE_BUILD_BENCHMARKS=OFF "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O0" -DPASSERELLE_UNITY_BUILD=ON

echo "== fuzzers (at ${SECONDS}s)"
# 10 s a parser here (60 by default): CI's 40-minute limit on two cores is shared by everything
# above; a longer fuzzing run is `tests/fuzz/run-fuzzers.sh` alone.
FUZZ_SECONDS=${FUZZ_SECONDS:-10} ./tests/fuzz/run-fuzzers.sh
echo "== all suites passed in ${SECONDS}s"
