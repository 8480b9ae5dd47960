#!/usr/bin/env python3
"""Serve a built bundle (dist/) on 127.0.0.1 for the end-to-end tests.

Like `python3 -m http.server`, plus what the app needs:

- `Cross-Origin-Opener-Policy: same-origin` and
  `Cross-Origin-Embedder-Policy: require-corp` (cross-origin isolation:
  `performance.now()` then has 5 us steps instead of 100 us);
- `.wasm` as `application/wasm` (streaming compilation), `.md` as plain text;
- no caching, and no request log unless --verbose.

`--port 0` picks a free port. The URL is printed on stdout and, with
--url-file, written to that file once the socket listens, so a caller can
wait for the file instead of polling the port.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers the app needs."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".md": "text/plain; charset=utf-8",
    }
    verbose = False

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.verbose:
            super().log_message(format, *args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="dist", help="directory to serve (default: dist)")
    parser.add_argument("--port", type=int, default=0, help="port; 0 picks a free one")
    parser.add_argument("--url-file", help="write the URL here once listening")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args()

    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"serve_dist: no {args.dir}/index.html; build first (trunk build --release)", file=sys.stderr)
        return 1

    Handler.verbose = args.verbose
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"serving {args.dir}/ at {url}", flush=True)
        if args.url_file:
            tmp = args.url_file + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(url)
            os.replace(tmp, args.url_file)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
