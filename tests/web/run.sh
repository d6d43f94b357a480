#!/usr/bin/env bash
# One browser test of the organiser pages (run.mjs), as CTest runs it:
#
#   run.sh TEST HUB_BINARY SOURCE_DIR BUILD_DIR
#
# Exit status: 0 passed, 1 failed, 77 skipped: no Chromium, no Node.js, or tests/web/node_modules
# missing or older than package-lock.json (deploy/install-deps.sh --test installs them). Under
# CI=true a missing piece is a failure, as for the other suites that need a tool.
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: $0 TEST HUB_BINARY SOURCE_DIR BUILD_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)

missing=""
[[ -x /usr/bin/chromium ]] || missing="Debian's chromium (/usr/bin/chromium)"
command -v node >/dev/null 2>&1 || missing="${missing:+$missing, }Node.js"
if [[ ! -f "$here/node_modules/playwright-core/package.json" ]]; then
  missing="${missing:+$missing, }tests/web/node_modules (npm ci)"
elif [[ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  missing="${missing:+$missing, }an up-to-date tests/web/node_modules (npm ci)"
fi
if [[ -n "$missing" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "FAIL: missing $missing, and CI=true requires the browser tests to run (deploy/install-deps.sh --test)"
    exit 1
  fi
  echo "SKIP: missing $missing (deploy/install-deps.sh --test installs it)"
  exit 77
fi

cd "$here"
exec node run.mjs "$@"
