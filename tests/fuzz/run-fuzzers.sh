#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14, AddressSanitizer and UndefinedBehaviorSanitizer in
# build/fuzz, then runs each for FUZZ_SECONDS (default 60) on a copy of its seed corpus, so that
# the inputs libFuzzer adds never land in the repository. Exits non-zero on any crash, leak,
# timeout or sanitizer report; the failing input is kept under build/fuzz/artifacts/<target>/.
# Set JOBS to override the build parallelism (default 2), FUZZ_BUILD_DIR the build tree.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-2}
build_dir=${FUZZ_BUILD_DIR:-build/fuzz}
targets=(token_fuzz:token csv_import_fuzz:csv upload_json_fuzz:upload event_config_fuzz:event_config
  kiosk_config_fuzz:kiosk_config journal_file_fuzz:journal_file)

echo "== fuzz: configure and build"
# -O1 without -DNDEBUG: fast enough to fuzz, and assert() still catches broken invariants.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
  -DPASSERELLE_FUZZ=ON -DPASSERELLE_SANITIZE=ON -DPASSERELLE_BUILD_BENCHMARKS=OFF -DPASSERELLE_UNITY_BUILD=ON >/dev/null
target_names=()
for entry in "${targets[@]}"; do target_names+=("${entry%%:*}"); done
if ! cmake --build "$build_dir" -j "$jobs" --target "${target_names[@]}" >"$build_dir/build.log" 2>&1; then
  cat "$build_dir/build.log"
  echo "== fuzz: build failed"
  exit 1
fi

work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

# One target's run; its report goes to $work_dir/<target>.report, its status to .status.
fuzz_one() {
  local target=$1 corpus=$2
  local artifacts="$build_dir/artifacts/$target"
  mkdir -p "$work_dir/$target" "$artifacts"
  cp -R "tests/fuzz/corpus/$corpus/." "$work_dir/$target/"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build_dir/tests/fuzz/$target" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work_dir/$target" >"$work_dir/$target.log" 2>&1; then
    { grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
        "$work_dir/$target.log" || true
      echo "== fuzz: $target passed"; } >"$work_dir/$target.report"
    echo 0 >"$work_dir/$target.status"
  else
    { tail -n 60 "$work_dir/$target.log"
      echo "== fuzz: $target FAILED; reproduce with: $build_dir/tests/fuzz/$target $artifacts/<crash file>"; } \
      >"$work_dir/$target.report"
    echo 1 >"$work_dir/$target.status"
  fi
}

# FUZZ_JOBS targets at a time (default: one per core): each still runs its full FUZZ_SECONDS,
# single-threaded as libFuzzer runs, so a CI box's two cores fuzz two parsers at once.
parallel=${FUZZ_JOBS:-$(nproc)}
status=0
running=()
finish() {
  wait
  for target in "${running[@]}"; do
    cat "$work_dir/$target.report"
    [[ $(cat "$work_dir/$target.status") == 0 ]] || status=1
  done
  running=()
}
for entry in "${targets[@]}"; do
  target=${entry%%:*}
  echo "== fuzz: $target for ${seconds}s"
  fuzz_one "$target" "${entry#*:}" &
  running+=("$target")
  if (( ${#running[@]} >= parallel )); then finish; fi
done
finish
exit "$status"
