#!/usr/bin/env bash
# The full kill -9 loop of docs/FAULTS.md: 1,000 kills over 10,000 check-ins on one door, the
# invariants checked after every kill. CI runs a bounded loop instead (ctest kill_loop_bounded).
# Usage: tests/faults/kill-loop.sh [-k KILLS] [-c CHECKINS] [-s SEED]; BUILD_DIR (default build/dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=1000 checkins=10000 seed=1
while getopts "k:c:s:" flag; do
  case $flag in
    k) kills=$OPTARG ;;
    c) checkins=$OPTARG ;;
    s) seed=$OPTARG ;;
    *) echo "usage: $0 [-k KILLS] [-c CHECKINS] [-s SEED]" >&2; exit 2 ;;
  esac
done
build=${BUILD_DIR:-build/dev}
cmake --build "$build" --target kill_loop kill_loop_door >/dev/null
"$build/tests/faults/kill_loop" --door "$build/tests/faults/kill_loop_door" --kills "$kills" \
  --checkins "$checkins" --seed "$seed" --require-spread
