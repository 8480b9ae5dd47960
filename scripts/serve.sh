#!/usr/bin/env bash
# Serves the app with Trunk on 127.0.0.1 (rebuilds on changes to src/, www/,
# Cargo.toml). Usage: scripts/serve.sh [PORT]   (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

port=${1:-${PORT:-8080}}
header "Interleave: http://127.0.0.1:$port/  (Ctrl-C stops)"
exec trunk serve --skip-version-check --address 127.0.0.1 --port "$port"
