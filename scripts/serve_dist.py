#!/usr/bin/env python3
"""Serve a built bundle (dist/) on 127.0.0.1 for the end-to-end tests.

Like `python3 -m http.server`, plus what the app needs:

- `Cross-Origin-Opener-Policy: same-origin` and
  `Cross-Origin-Embedder-Policy: require-corp` (cross-origin isolation:
  `performance.now()` then has 5 us steps instead of 100 us);
- `.wasm` as `application/wasm` (streaming compilation), `.md` as plain text;
- precompressed files as a static host serves them: `FILE.br` when the
  browser accepts brotli, else `FILE.gz` when it accepts gzip (written by
  scripts/precompress.mjs), with `Content-Encoding` and `Vary`;
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
    isolation = True

    def send_head(self):  # noqa: ANN201 (http.server's own signature)
        """Serves FILE.br / FILE.gz in place of FILE when the browser takes them."""
        path = self.translate_path(self.path)
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix) and os.path.isfile(path):
                try:
                    f = open(path + suffix, "rb")  # noqa: SIM115 (returned to the caller)
                except OSError:
                    break
                size = os.fstat(f.fileno()).st_size
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Length", str(size))
                self.end_headers()
                return f
        return super().send_head()

    def end_headers(self) -> None:
        if self.isolation:
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
    parser.add_argument("--no-isolation", action="store_true",
                        help="without COOP/COEP (the page may then message windows it opens)")
    args = parser.parse_args()

    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"serve_dist: no {args.dir}/index.html; build first (trunk build --release)", file=sys.stderr)
        return 1

    Handler.verbose = args.verbose
    Handler.isolation = not args.no_isolation
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
