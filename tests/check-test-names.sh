#!/usr/bin/env bash
# Every test ctest lists has a name that says what it checks: no parameterised test named by gtest's
# index (".../0") or by the bytes of its parameter ("# GetParam() = 64-byte object <A0-B6 ...>").
#
#   tests/check-test-names.sh BUILD_DIR [CTEST]
#
# Registered as the ctest check_test_names. A test program that has not been built yet appears in
# ctest's list only as <target>_NOT_BUILT, which passes: its tests are checked once it builds.
#
# To fix a name: give the suite's INSTANTIATE_TEST_SUITE_P a name generator (its 4th argument, e.g.
# passerelle::testing::ParamName{} of tests/support/param_name.h for a struct with a `name` field;
# for typed tests a NameGenerator class), and its program's gtest_discover_tests NO_PRETTY_VALUES,
# without which CMake appends "# GetParam() = ..." to every named parameterised test.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 BUILD_DIR [CTEST]" >&2
  exit 2
fi
build_dir=$1
ctest=${2:-ctest}

if ! listing=$(cd "$build_dir" 2>&1 && "$ctest" -N 2>&1); then
  echo "$listing" >&2
  echo "check-test-names: '$ctest -N' failed in $build_dir" >&2
  exit 1
fi
if ! grep -q '^Total Tests: ' <<<"$listing"; then
  echo "$listing" >&2
  echo "check-test-names: no test list from '$ctest -N' in $build_dir" >&2
  exit 1
fi

# ctest -N prints "  Test  #12: Layouts/BadgePdfTest.EveryQrCodeReadsBackOnceAndNamesAreText/a4_grid".
names=$(sed -n 's/^ *Test *#[0-9]*: //p' <<<"$listing")
# gtest's default names: value-parameterised Prefix/Suite.Test/0, typed Prefix/Suite/0.Test; and
# anything besides the characters of gtest's names ([A-Za-z0-9_], joined by / and .) and of our own
# add_test names (-), such as a parameter CMake printed in place of the index ("/16-byte object <...>").
bad=$(grep -E 'GetParam|/[0-9]+($|[.[:space:]])|[^A-Za-z0-9_./-]' <<<"$names" || true)

count=$(grep -c . <<<"$names" || true)
if [[ -n "$bad" ]]; then
  echo "check-test-names: $(grep -c . <<<"$bad") of $count tests have no name of their own:" >&2
  sed 's/^/  /' <<<"$bad" >&2
  echo "Give each suite a name generator and its gtest_discover_tests NO_PRETTY_VALUES (see $0)." >&2
  exit 1
fi
echo "check-test-names: all $count test names are readable"
