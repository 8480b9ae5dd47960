// Trunk post-build hook: minifies the wasm-bindgen glue (Trunk's own
// minifier cannot parse it and copies it as is) with terser, then writes
// its new digest into index.html's modulepreload `integrity`, so Subresource
// Integrity still holds. 62 KiB → 28 KiB raw, 10.2 → 7.9 KiB gzip.
//
//   TRUNK_STAGING_DIR=… node scripts/minify_js.mjs     (Trunk.toml [[hooks]])

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify_js: TRUNK_STAGING_DIR is not set (run from Trunk)');
  process.exit(1);
}
const glue = readdirSync(dir).filter((f) => /^interleave-web-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify_js: expected one wasm-bindgen glue file in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const file = path.join(dir, glue[0]);
const source = readFileSync(file, 'utf8');
const { code } = await minify(source, { module: true, compress: true, mangle: true });
writeFileSync(file, code);
const digest = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const index = path.join(dir, 'index.html');
const html = readFileSync(index, 'utf8');
// Trunk's HTML minifier leaves attribute values unquoted where it can.
const tag = new RegExp(`(href="?[^"\\s>]*${glue[0].replace('.', '\\.')}"?[^>]*integrity="?)sha384-[A-Za-z0-9+/=]+`);
if (!tag.test(html)) {
  console.error(`minify_js: no integrity attribute for ${glue[0]} in index.html`);
  process.exit(1);
}
writeFileSync(index, html.replace(tag, `$1${digest}`));
console.log(`minify_js: ${glue[0]} ${source.length} → ${code.length} characters`);
