#!/usr/bin/env bash
# Runs bitrix-rest's browser suite (tests/browser.rs) in headless Chromium against a
# bitrix-sandbox started on free loopback ports, then stops the sandbox.
#
# Usage: bitrix/tests/wasm/run.sh            (from anywhere; extra args go to `cargo test`)
# Env:   CARGO_TARGET_DIR  where to build (default: cargo's)
#        CHROMEDRIVER      chromedriver binary (default: /usr/bin/chromedriver)
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-test-runner on PATH at the version of
#        wasm-bindgen in Cargo.lock, Chromium and ChromeDriver. Exits non-zero on any failure.
set -euo pipefail

crate_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root_dir="$(cd "$crate_dir/.." && pwd)"
cd "$root_dir"

want="$(cargo pkgid -p wasm-bindgen 2>/dev/null | sed -E 's/.*[@#]//')"
have="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [[ -z "$have" ]]; then
    echo "run.sh: wasm-bindgen-test-runner is not installed (cargo install wasm-bindgen-cli --version $want)" >&2
    exit 1
fi
if [[ "$have" != "$want" ]]; then
    echo "run.sh: wasm-bindgen-test-runner is $have but Cargo.lock has wasm-bindgen $want" >&2
    exit 1
fi

work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [[ -n "$sandbox_pid" ]]; then
        kill "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

cargo build -q -p bitrix-sandbox --bin bitrix-sandbox
target_dir="${CARGO_TARGET_DIR:-$root_dir/target}"
"$target_dir/debug/bitrix-sandbox" --widget-port 0 --portal-port 0 --store-port 0 \
    --urls-file "$work/urls.json" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!

for _ in $(seq 1 600); do
    [[ -s "$work/urls.json" ]] && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "run.sh: the sandbox exited:" >&2
        cat "$work/sandbox.log" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ ! -s "$work/urls.json" ]]; then
    echo "run.sh: the sandbox wrote no URLs within 60 s" >&2
    exit 1
fi

SANDBOX_URLS_JSON="$(cat "$work/urls.json")"
export SANDBOX_URLS_JSON
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
echo "run.sh: sandbox at $SANDBOX_URLS_JSON"

# Chromium's flags: the workspace's (dev/chromium-flags.txt) with a fresh profile, unless the
# caller (./build.sh test) already chose them.
if [[ -z "${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-}" ]]; then
    mkdir "$work/profile"
    args="$(sed 's/.*/"&", /' "$root_dir/dev/chromium-flags.txt" | tr -d '\n')"
    echo "{\"goog:chromeOptions\": {\"args\": [$args \"--user-data-dir=$work/profile\"]}}" \
        >"$work/webdriver.json"
    export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$work/webdriver.json"
fi
cd "$crate_dir"
cargo test -p bitrix-rest --target wasm32-unknown-unknown --test browser "$@"
