#!/usr/bin/env bash
# StoreLink's one entry point: build | serve | test | package | bench.
# Each command installs what it needs when it is missing, and says what it does.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Where the command was typed: a relative path given to `serve` means a file there.
CALLER_DIR="$PWD"
cd "$ROOT"

DIST="$ROOT/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_TARGET=wasm32-unknown-unknown
WASM_PROFILE=widget
TOOLS="$ROOT/tools"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing $* (apt)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs"
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    say "adding the Rust target $WASM_TARGET"
    rustup target add "$WASM_TARGET"
  fi
}

ensure_wasm_bindgen() {
  local want have
  want="$(cargo pkgid -p wasm-bindgen 2>/dev/null | sed 's/.*@//')"
  [ -n "$want" ] || die "wasm-bindgen is not in Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock; takes a few minutes once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
}

WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
TERSER="$TOOLS/node_modules/.bin/terser"
CLEANCSS="$TOOLS/node_modules/.bin/cleancss"
ensure_js_tools() {
  if [ ! -x "$WASM_OPT" ] || [ ! -x "$TERSER" ] || [ ! -x "$CLEANCSS" ]; then
    ensure_node
    say "installing binaryen (wasm-opt), terser and clean-css (minifiers) from npm into tools/"
    (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

# Files this run made for itself (browser profiles and capabilities); removed when it exits.
SCRATCH=()
trap 'rm -rf "${SCRATCH[@]}"' EXIT

# A full test run needs a few GiB for its build. Saying so up front beats a linker killed by a
# full disk halfway through.
ensure_disk_space() {
  local need_kib=$((4 * 1024 * 1024)) dir avail
  dir="$TARGET_DIR"
  [ -d "$dir" ] || dir="$ROOT"
  avail="$(df -Pk "$dir" | awk 'NR == 2 {print $4}')"
  if [ -n "$avail" ] && [ "$avail" -lt "$need_kib" ]; then
    die "only $((avail / 1024)) MiB free on the disk of $dir; a test run needs about 4 GiB"
  fi
}

# Chromium's flags for wasm-bindgen-test-runner: those of every test run (dev/chromium-flags.txt:
# headless as root, no network of its own) and a fresh profile for every run.
browser_capabilities() {
  local profile caps args
  profile="$(mktemp -d)"
  caps="$(mktemp --suffix=.json)"
  SCRATCH+=("$profile" "$caps")
  args="$(sed 's/.*/"&", /' "$ROOT/dev/chromium-flags.txt" | tr -d '\n')"
  cat >"$caps" <<JSON
{"goog:chromeOptions": {"binary": "$CHROMIUM", "args": [$args "--user-data-dir=$profile"]}}
JSON
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$caps"
}

# ---------------------------------------------------------------- build

manifest_version() {
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$ROOT/manifest.json"
}

print_sizes() {
  local tab_raw=0 tab_gz=0 admin_raw=0 admin_gz=0 f name raw gz
  printf '  %-28s %10s %10s\n' file bytes gzip
  for f in "$DIST"/*; do
    [ -f "$f" ] || continue
    name="$(basename "$f")"
    case "$name" in *.zip) continue ;; esac
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    printf '  %-28s %10d %10d\n' "$name" "$raw" "$gz"
    case "$name" in
      storelink_admin* | install.html)
        admin_raw=$((admin_raw + raw))
        admin_gz=$((admin_gz + gz))
        ;;
      *)
        tab_raw=$((tab_raw + raw))
        tab_gz=$((tab_gz + gz))
        ;;
    esac
  done
  printf '  %-28s %10d %10d   (budget 150 KB gzip, aim under 128 KB)\n' "the deal tab downloads" "$tab_raw" "$tab_gz"
  printf '  %-28s %10d %10d   (app page and installer only)\n' "+ the admin bundle" "$admin_raw" "$admin_gz"
  if [ "$tab_gz" -gt 153600 ]; then
    printf '\033[1;33mwarning:\033[0m the deal tab is over its 150 KB gzip budget\n'
  fi
}

# Compiles the widget with one feature set into dist/NAME.js + dist/NAME_bg.wasm.
build_bundle() {
  local name="$1" feature="$2"
  local raw="$TARGET_DIR/$WASM_TARGET/$WASM_PROFILE/storelink.wasm"
  local bindgen="$TARGET_DIR/wasm-bindgen/$name"
  say "compiling the $feature bundle to wasm (profile $WASM_PROFILE)"
  cargo build --profile "$WASM_PROFILE" --target "$WASM_TARGET" -p storelink --lib \
    --no-default-features --features "$feature"
  rm -rf "$bindgen" && mkdir -p "$bindgen"
  cp "$raw" "$bindgen/$name.wasm"
  wasm-bindgen --target web --no-typescript --out-dir "$bindgen" "$bindgen/$name.wasm"
  say "optimising $name for size (wasm-opt -Oz)"
  "$WASM_OPT" -Oz --strip-debug --strip-producers \
    "$bindgen/${name}_bg.wasm" -o "$DIST/${name}_bg.wasm"
  minify_js "$bindgen/$name.js" "$DIST/$name.js"
}

# Minifies an ES module (wasm-bindgen's glue, boot.js): local names only, exports and the wasm
# imports' names stay.
minify_js() {
  "$TERSER" "$1" --module --compress --mangle --output "$2"
}

cmd_build() {
  ensure_rust
  ensure_wasm_bindgen
  ensure_js_tools
  rm -rf "$DIST" && mkdir -p "$DIST"
  # Two bundles: `storelink` (the deal tab, what a rep downloads) and `storelink_admin` (the
  # app page with settings, and the installer), loaded by the first only when needed.
  build_bundle storelink tab
  build_bundle storelink_admin admin
  local version
  version="$(manifest_version)"
  say "assembling dist/ (StoreLink $version)"
  for f in "$ROOT"/static/*; do
    case "$f" in
      *.html) sed "s/{{VERSION}}/$version/g" "$f" >"$DIST/$(basename "$f")" ;;
      *.js)
        sed "s/{{VERSION}}/$version/g" "$f" >"$DIST/$(basename "$f").src"
        minify_js "$DIST/$(basename "$f").src" "$DIST/$(basename "$f")"
        rm "$DIST/$(basename "$f").src"
        ;;
      */css) ;;
      *) cp "$f" "$DIST/" ;;
    esac
  done
  # Two stylesheets, minified: the deal tab's (base first, then deal and lookup) and the admin
  # pages' (settings), which only those pages load. One file per area in the tree.
  local css="$ROOT/static/css"
  cat "$css/base.css" "$css/deal.css" "$css/lookup.css" >"$DIST/storelink.src.css"
  "$CLEANCSS" -O1 "$DIST/storelink.src.css" -o "$DIST/storelink.css"
  "$CLEANCSS" -O1 "$css/settings.css" -o "$DIST/storelink_admin.css"
  rm "$DIST/storelink.src.css"
  print_sizes
}

# ---------------------------------------------------------------- serve

cmd_serve() {
  cmd_build
  say "building the sandbox"
  cargo build --release -p bitrix-sandbox
  say "starting the sandbox with demo data (Ctrl-C stops it)"
  # The sandbox's file arguments as the person meant them: relative to where they typed.
  local args=() arg flag=""
  for arg in "$@"; do
    case "$flag:$arg" in
      --seed:demo | --seed:large | *:/*) ;;
      --seed:* | --db:* | --install-app:* | --urls-file:* | --widget-dir:*) arg="$CALLER_DIR/$arg" ;;
    esac
    flag="$arg"
    args+=("$arg")
  done
  exec "$TARGET_DIR/release/bitrix-sandbox" \
    --widget-dir "$DIST" \
    --seed demo \
    --install-app "$ROOT/dev/app-options.json" \
    "${args[@]}"
}

# ---------------------------------------------------------------- package

cmd_package() {
  cmd_build
  local version zip
  version="$(manifest_version)"
  zip="$DIST/storelink-$version.zip"
  command -v zip >/dev/null || apt_install zip
  say "packaging $zip (upload it as a Bitrix24 static local app)"
  rm -f "$DIST"/storelink-*.zip
  # The package's pages may connect to HTTPS only: the loopback sources in dist/'s CSP are for
  # the local sandbox.
  local staging
  staging="$(mktemp -d)"
  SCRATCH+=("$staging")
  cp "$DIST"/*.html "$DIST"/*.js "$DIST"/*.wasm "$DIST"/*.css "$DIST"/*.svg "$staging/"
  sed -i 's| http://127.0.0.1:\*||; s| http://localhost:\*||' "$staging"/*.html
  if grep -q "http://" "$staging"/*.html; then
    die "the packaged pages still allow plain http"
  fi
  (cd "$staging" && zip -q -9 "$zip" ./*.html ./*.js ./*.wasm ./*.css ./*.svg)
  unzip -l "$zip"
}

# ---------------------------------------------------------------- test

cmd_test() {
  # A full run builds the workspace for three targets and four profiles. Incremental caches
  # would roughly double the disk that takes, and a test run never reuses them.
  export CARGO_INCREMENTAL=0
  ensure_disk_space
  ensure_rust
  ensure_chromium
  say "checking formatting (cargo fmt)"
  cargo fmt --all --check
  say "linting native code (cargo clippy)"
  cargo clippy --workspace --all-targets -- -D warnings
  say "linting the widget as wasm (cargo clippy --target $WASM_TARGET)"
  cargo clippy -p storelink -p bitrix-rest --target "$WASM_TARGET" --lib --tests -- -D warnings
  # Each bundle is built with its own features: code only the other one uses must not warn.
  for bundle in tab admin; do
    say "linting the $bundle bundle on its own"
    cargo clippy -p storelink --target "$WASM_TARGET" --lib --no-default-features \
      --features "$bundle" -- -D warnings
  done
  cmd_build
  say "native tests (cargo test --workspace)"
  cargo test --workspace
  ensure_wasm_bindgen
  browser_capabilities
  say "browser tests of the widget (wasm-bindgen-test in headless Chromium)"
  cargo test -p storelink --target "$WASM_TARGET" --lib
  say "browser tests of bitrix-rest against the sandbox (headless Chromium)"
  bash "$ROOT/bitrix/tests/wasm/run.sh"
  say "end-to-end tests (headless Chromium against the sandbox)"
  STORELINK_DIST="$DIST" cargo test -p storelink --test e2e -- --include-ignored --test-threads=1
  say "all tests passed"
}

# ---------------------------------------------------------------- bench

cmd_bench() {
  ensure_chromium
  cmd_build
  say "building the sandbox and the bench"
  cargo build --release -p bitrix-sandbox
  say "sandbox throughput (crm.deal.get on loopback)"
  "$TARGET_DIR/release/bitrix-sandbox" bench
  if ! command -v twiggy >/dev/null; then
    say "installing twiggy (wasm size profiler) for the breakdown"
    cargo install twiggy
  fi
  say "where the deal tab's bytes go"
  twiggy top -n 100000 -f csv "$TARGET_DIR/wasm-bindgen/storelink/storelink_bg.wasm" |
    python3 "$TOOLS/wasm_breakdown.py" "the deal tab's wasm"
  say "bitrix-rest's share of a wasm bundle"
  PATH="$TOOLS/node_modules/.bin:$PATH" bash "$ROOT/bitrix/benches/wasm-size.sh"
  say "widget in headless Chromium against the sandbox"
  STORELINK_DIST="$DIST" cargo test --release -p storelink --test bench -- --include-ignored --nocapture --test-threads=1
}

usage() {
  cat <<EOF
usage: ./build.sh [command]
  build     compile the widget into dist/ and print its sizes (default)
  serve     build, then start the sandbox portal + store with demo data
  test      every check: fmt, clippy, native, in-browser and end-to-end tests
  package   dist/storelink-<version>.zip for a Bitrix24 static local app
  bench     requests, timings and sizes against the sandbox (writes target/bench.json)
EOF
}

case "${1:-build}" in
  build) cmd_build ;;
  serve) shift; cmd_serve "$@" ;;
  test) cmd_test ;;
  package) cmd_package ;;
  bench) cmd_bench ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
