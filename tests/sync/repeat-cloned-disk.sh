#!/usr/bin/env bash
# Runs SyncFaults.AClonedDiskIsQuarantinedAndAlertedNeverLost (tests/sync/sync_faults_test.cpp) many
# times on each hub storage, to measure how often it fails rather than whether it passed once.
#
#   tests/sync/repeat-cloned-disk.sh [-n RUNS] [-s sqlite|postgresql] [-o DIR] [-b BINARY] [BUILD_DIR]
#
#   -n RUNS     runs per storage (default 200)
#   -s STORAGE  only this storage (default: sqlite, then postgresql)
#   -o DIR      where the output of failed runs is kept (default BUILD_DIR/repeat-cloned-disk/<time>,
#               or beside BINARY with -b)
#   -b BINARY   the sync_faults_tests program (default: found under BUILD_DIR)
#   BUILD_DIR   a build tree where sync_faults_tests is built (default build/dev of this checkout)
#
# Each run is its own process (PostgreSQL: a fresh database, on the run's shared server under
# CTest, else in a throw-away cluster of its own). Prints a line per run, then
# one line per storage: runs, failures, skips and the distinct "N quarantined" counts of the test's
# "[ stats    ] cloned disk:" line. A run that fails, crashes or times out (RUN_TIMEOUT seconds,
# default 600) counts as a failure; a skipped run (PostgreSQL not installed) counts as skipped, or
# as a failure under CI=true, where every test must run. Exits 1 if any run failed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
test_name="SyncFaults.AClonedDiskIsQuarantinedAndAlertedNeverLost"
runs=200
only=""
keep_dir=""
binary=""
run_timeout=${RUN_TIMEOUT:-600}

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

while getopts "n:s:o:b:h" option; do
  case $option in
    n) runs=$OPTARG ;;
    s) only=$OPTARG ;;
    o) keep_dir=$OPTARG ;;
    b) binary=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -le 1 ]] || usage
build_dir=${1:-$repo/build/dev}
# With -b and no BUILD_DIR, failed runs are kept beside the program.
keep_base=$build_dir
[[ $# -eq 1 || -z $binary ]] || keep_base=$(dirname "$binary")
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "repeat-cloned-disk: -n wants a positive number, not '$runs'" >&2; exit 2; }

# The test's parameter names (INSTANTIATE_TEST_SUITE_P(Storage, SyncFaults, ...)).
case ${only,,} in
  "") storages=(Sqlite PostgreSql) ;;
  sqlite) storages=(Sqlite) ;;
  postgresql | postgres | pg) storages=(PostgreSql) ;;
  *) echo "repeat-cloned-disk: -s wants sqlite or postgresql, not '$only'" >&2; exit 2 ;;
esac

if [[ -z $binary ]]; then
  [[ -d $build_dir ]] || { echo "repeat-cloned-disk: no build directory $build_dir" >&2; exit 2; }
  binary=$(find "$build_dir" -type f -name sync_faults_tests -perm -u+x -print -quit)
  [[ -n $binary ]] || {
    echo "repeat-cloned-disk: no sync_faults_tests under $build_dir" \
      "(cmake --build $build_dir --target sync_faults_tests)" >&2
    exit 2
  }
fi
[[ -x $binary ]] || { echo "repeat-cloned-disk: $binary is not a program" >&2; exit 2; }
[[ -n $keep_dir ]] || keep_dir=$keep_base/repeat-cloned-disk/$(date +%Y%m%d-%H%M%S)

ci=false
[[ ${CI:-} == true ]] && ci=true
echo "repeat-cloned-disk: $runs runs of $test_name on ${storages[*]} with $binary (CI=$ci)"

summaries=()
any_failed=false
log=""
trap '[[ -z $log ]] || rm -f "$log"' EXIT
for storage in "${storages[@]}"; do
  filter="*/$test_name/$storage"
  listed=$("$binary" --gtest_list_tests --gtest_filter="$filter") || listed=""
  if ! grep -q "^  ${test_name#*.}/$storage" <<<"$listed"; then
    echo "repeat-cloned-disk: $binary has no test $filter" >&2
    exit 2
  fi
  failures=0
  skips=0
  declare -A quarantined=()
  for ((run = 1; run <= runs; run++)); do
    log=$(mktemp)
    kept=""
    start=$SECONDS
    status=0
    timeout --kill-after=30 "$run_timeout" "$binary" --gtest_filter="$filter" --gtest_color=no >"$log" 2>&1 ||
      status=$?
    count=$(sed -n 's/^\[ stats    \] cloned disk: .* \([0-9][0-9]*\) quarantined.*/\1/p' "$log" | tail -n 1)
    [[ -n $count ]] && quarantined[$count]=$((${quarantined[$count]:-0} + 1))
    if [[ $status -eq 0 ]] && grep -q '^\[  SKIPPED \] ' "$log"; then
      outcome=skipped
      if [[ $ci == true ]]; then outcome="FAILED (skipped under CI=true)"; fi
    elif [[ $status -eq 0 ]] && grep -q '^\[  PASSED  \] 1 test' "$log"; then
      outcome=passed
    elif [[ $status -eq 124 || $status -eq 137 ]]; then
      outcome="FAILED (timed out after ${run_timeout} s)"
    else
      outcome="FAILED (exit status $status)"
    fi
    case $outcome in
      passed) rm -f "$log" ;;
      skipped)
        skips=$((skips + 1))
        rm -f "$log"
        ;;
      *)
        failures=$((failures + 1))
        mkdir -p "$keep_dir"
        kept=$keep_dir/${storage,,}-run$run.log
        mv "$log" "$kept"
        ;;
    esac
    echo "[${storage,,} $run/$runs] $outcome${count:+, $count quarantined}, $((SECONDS - start)) s${kept:+; output in $kept}"
  done
  seen=""
  for count in $(printf '%s\n' "${!quarantined[@]}" | sort -n); do
    seen+="${seen:+, }$count (${quarantined[$count]}x)"
  done
  unset quarantined
  summary="${storage,,}: $runs runs, $failures failures"
  [[ $skips -eq 0 ]] || summary+=", $skips skipped"
  summary+=", quarantined counts seen: ${seen:-none}"
  [[ $failures -eq 0 ]] || {
    summary+="; failed runs' output in $keep_dir"
    any_failed=true
  }
  summaries+=("$summary")
done

printf '%s\n' "${summaries[@]}"
[[ $any_failed == false ]]
