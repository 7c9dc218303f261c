#!/usr/bin/env bash
# Prints bitrix-rest's share of a wasm bundle: two tiny cdylibs built with the workspace's
# `widget` profile (opt-level "z", LTO, one codegen unit, panic=abort), run through
# wasm-bindgen (--target web), then measured raw and gzip -9 (and after `wasm-opt -Oz` when
# wasm-opt is on PATH; e.g. `npm install binaryen` and put node_modules/.bin on PATH).
# Both probes include `examples/size/baseline_body.rs` (wasm-bindgen, futures, serde_json
# reading a Value and a derived struct); `size_client` adds a webhook and an OAuth client,
# typed reads, a batch and a list, so the difference is bitrix-rest's share.
#
# Usage: bitrix/benches/wasm-size.sh   (honours CARGO_TARGET_DIR; prints a table)
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root_dir"
target_dir="${CARGO_TARGET_DIR:-$root_dir/target}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

measure() {
    local name="$1"
    cargo build -q --profile widget -p bitrix-rest --target wasm32-unknown-unknown --example "$name"
    wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "$out/$name" \
        "$target_dir/wasm32-unknown-unknown/widget/examples/$name.wasm"
    local wasm="$out/$name/${name}_bg.wasm"
    if command -v wasm-opt >/dev/null 2>&1; then
        wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-mutable-globals "$wasm" -o "$wasm"
    fi
    local raw gz
    raw=$(stat -c %s "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    echo "$name $raw $gz"
}

read -r _ base_raw base_gz < <(measure size_baseline)
read -r _ client_raw client_gz < <(measure size_client)
opt="no wasm-opt"
command -v wasm-opt >/dev/null 2>&1 && opt="after wasm-opt -Oz"
echo "wasm (${opt})          raw bytes   gzip -9 bytes"
printf "baseline                 %9d   %13d\n" "$base_raw" "$base_gz"
printf "baseline + bitrix-rest   %9d   %13d\n" "$client_raw" "$client_gz"
printf "bitrix-rest's share      %9d   %13d\n" $((client_raw - base_raw)) $((client_gz - base_gz))
