#!/usr/bin/env bash
# Keeps docs/ARCHITECTURE.md true to the tree: every repository path it names in backquotes
# exists, and the include rules of its library table hold (a rule is broken by one #include).
# Usage: tests/check-architecture.sh [repository root]; exits 1 with every breach listed.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
doc=docs/ARCHITECTURE.md
failures=0

# Paths: backquoted words made of path characters with a slash in them, outside this repository
# (../) excepted.
while IFS= read -r path; do
  [[ "$path" == ../* ]] && continue
  if [[ ! -e "$path" ]]; then
    echo "$doc names $path, which does not exist"
    failures=$((failures + 1))
  fi
done < <(grep -o '`[A-Za-z0-9_./-]*/[A-Za-z0-9_./-]*`' "$doc" | tr -d '`' | sort -u)

# forbid FOLDER PATTERN WHY [EXCLUDED-SUBFOLDER...]: no C++ file under FOLDER includes PATTERN.
forbid() {
  local folder=$1 pattern=$2 why=$3
  shift 3
  local excludes=()
  for sub in "$@"; do excludes+=(--exclude-dir="$sub"); done
  local hits
  hits=$(grep -rnE --include='*.h' --include='*.cpp' "${excludes[@]}" "^#include [<\"]($pattern)" "$folder" || true)
  if [[ -n "$hits" ]]; then
    echo "$folder must not include $pattern ($why):"
    echo "$hits" | sed 's/^/  /'
    failures=$((failures + 1))
  fi
}

gui='SDL|imgui|backends/|GL/'
forbid core "sync/|kiosk/" "core knows neither the protocol nor the kiosk"
forbid core "$gui|httplib|ZXing|nlohmann|thread>|stop_token>" "core: no GUI, sockets, JSON or threads" print worker service
forbid core/service "$gui|httplib|thread>|core/store" "the supervisor's protocol: one socket, no threads, no store"
forbid core/print "$gui|httplib|thread>" "printing links no GUI or sockets"
forbid core/b2b "$gui|httplib|thread>|fstream>|core/store" "the scheduler is computation: no GUI, threads, files or store"
forbid core/meetings "$gui|httplib|thread>" "meetings are the store's rules: no GUI, sockets or threads"
forbid core/report "$gui|httplib|thread>|cairo|core/print/" "the report's figures and words are pure: the PDF is core/print's"
forbid core/worker "core/store|sync/|kiosk/|$gui" "the worker thread knows nothing of what it runs"
forbid sync "kiosk/|$gui" "sync links no UI"
forbid sync/protocol "sync/client/|sync/hub/|httplib|thread>" "the protocol is pure: no sockets, no threads"
forbid sync/client "sync/hub/" "the kiosk's client does not link the hub"
forbid sync/tls "sync/client/|sync/hub/|sync/protocol/|httplib|thread>" "TLS identity and pins: OpenSSL only"
forbid kiosk "sync/hub/" "the kiosk links none of the hub"
forbid kiosk/ui "SDL|GL/|backends/|kiosk/app/" "screens draw; they open no window and do no I/O"
forbid kiosk/scan "$gui|kiosk/ui/|kiosk/app/" "scanning runs headless in tests and benchmarks"
forbid kiosk/model "$gui|kiosk/ui/|kiosk/app/" "the model is driven by tests without a window"
forbid sync/hub/server "httplib" "the hub serves with Beast over Asio; cpp-httplib is for clients only"

if ((failures > 0)); then
  echo "check-architecture: $failures problem(s)"
  exit 1
fi
echo "check-architecture: $doc matches the tree"
