#!/usr/bin/env python3
"""Where a wasm bundle's bytes go: reads `twiggy top -f csv` of a wasm file that still has its
name section (wasm-bindgen's output before wasm-opt) and prints the share of each crate and the
largest functions. Usage: twiggy top -n 100000 -f csv FILE.wasm | wasm_breakdown.py [TITLE]"""

import collections
import csv
import re
import sys


def crate_of(name: str) -> str:
    """The crate a symbol belongs to: the first path segment, looking inside `<X as Y>`."""
    if name.startswith("data segment") or name.startswith("data["):
        return "(data: strings and tables)"
    if "function names" in name:
        return None
    for marker in ("storelink::", "bitrix_rest::", "yew", "serde_json", "serde", "wasm_bindgen",
                   "web_sys", "js_sys", "gloo", "futures", "hashbrown", "indexmap"):
        if marker in name:
            return marker.rstrip(":")
    m = re.match(r"^[<&\s]*(?:mut\s+|dyn\s+)*([a-zA-Z_][a-zA-Z0-9_]*)", name)
    first = m.group(1) if m else "?"
    return {"core": "core/alloc (generic code)", "alloc": "core/alloc (generic code)"}.get(first, first)


def main() -> None:
    title = sys.argv[1] if len(sys.argv) > 1 else "wasm"
    rows = list(csv.DictReader(sys.stdin))
    by_crate = collections.Counter()
    functions = []
    for r in rows:
        size = int(r["ShallowSize"])
        crate = crate_of(r["Name"])
        if crate is None:
            continue
        by_crate[crate] += size
        functions.append((size, re.sub(r"::h[0-9a-f]{16}$", "", r["Name"])))
    total = sum(by_crate.values()) or 1
    print(f"  where the bytes of {title} go (before wasm-opt; shares carry over):")
    for crate, size in by_crate.most_common(12):
        print(f"    {crate:<32} {size:>9} B {100 * size / total:5.1f} %")
    print("  largest functions:")
    for size, name in sorted(functions, reverse=True)[:10]:
        print(f"    {size:>7} B  {name[:100]}")


if __name__ == "__main__":
    main()
