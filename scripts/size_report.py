#!/usr/bin/env python3
"""Size report of the release bundle, with the one size budget.

Lists the wasm, JS and CSS files of dist/ (after `trunk build --release`)
with their raw, gzip (level 9) and brotli (quality 11, through Node's zlib:
scripts/precompress.mjs --sizes) sizes, and fails when the gzip total is
above BUDGET_GZIP_KIB. The budget lives here and only here.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

# The size budget: the sum of the gzipped wasm + JS + CSS, in KiB (1024 bytes).
BUDGET_GZIP_KIB = 520

KINDS = {".wasm": "wasm", ".js": "js", ".css": "css"}


def kib(n: int) -> str:
    return f"{n / 1024:.1f} KiB"


def main() -> int:
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = sorted(
        (p for p in dist.rglob("*") if p.is_file() and p.suffix in KINDS),
        key=lambda p: (list(KINDS).index(p.suffix), p.name),
    )
    if not any(p.suffix == ".wasm" for p in files):
        print(f"size: no .wasm in {dist}/; build first (trunk build --release)", file=sys.stderr)
        return 1

    script = pathlib.Path(__file__).with_name("precompress.mjs")
    sizes = json.loads(subprocess.run(
        ["node", str(script), "--sizes", str(dist)], check=True, capture_output=True, text=True
    ).stdout)
    rows = []
    for p in files:
        raw, gz, br = sizes[p.name]
        rows.append((KINDS[p.suffix], p.relative_to(dist).as_posix(), raw, gz, br))
    total_raw = sum(r[2] for r in rows)
    total_gz = sum(r[3] for r in rows)
    total_br = sum(r[4] for r in rows)
    budget = BUDGET_GZIP_KIB * 1024

    name_w = max(len("file"), *(len(r[1]) for r in rows))
    line = f"+------+-{'-' * name_w}-+------------+------------+------------+"
    print(line)
    print(f"| kind | {'file':<{name_w}} | {'raw':>10} | {'gzip':>10} | {'brotli':>10} |")
    print(line)
    for kind, name, raw, gz, br in rows:
        print(f"| {kind:<4} | {name:<{name_w}} | {kib(raw):>10} | {kib(gz):>10} | {kib(br):>10} |")
    print(line)
    print(f"| {'all':<4} | {'total':<{name_w}} | {kib(total_raw):>10} | {kib(total_gz):>10} | {kib(total_br):>10} |")
    print(line)
    verdict = "within" if total_gz <= budget else "OVER"
    print(f"gzip total {kib(total_gz)} (brotli {kib(total_br)}) is {verdict} the budget of "
          f"{BUDGET_GZIP_KIB} KiB gzip ({100 * total_gz / budget:.0f}% used; budget in scripts/size_report.py)")
    return 0 if total_gz <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
