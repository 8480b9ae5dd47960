#!/usr/bin/env bash
# End-to-end tier: build the release bundle, serve dist/ on 127.0.0.1 with
# COOP/COEP and precompressed files (scripts/precompress.mjs, scripts/serve_dist.py,
# free port), run the Playwright tests
# (node --test e2e/*.test.mjs) against it. The server is always stopped.
#
# Usage: scripts/e2e.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [[ "${1:-}" != "--no-build" ]]; then
  trunk build --release
fi
# Served precompressed, the way a static host would (brotli, else gzip).
node scripts/precompress.mjs dist

workdir=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

python3 scripts/serve_dist.py --dir dist --port 0 --url-file "$workdir/url" >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$workdir/url" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$workdir/server.log" >&2
    echo "e2e: the static server exited early" >&2
    exit 1
  fi
  sleep 0.05
done
[[ -s "$workdir/url" ]] || { echo "e2e: the static server did not start" >&2; exit 1; }
BASE_URL=$(cat "$workdir/url")
export BASE_URL
echo "e2e: testing $BASE_URL"

node --test --test-reporter=spec e2e/*.test.mjs
