// Precompresses a built bundle the way a static host would serve it: next to
// every text and wasm file, FILE.br (brotli, quality 11) and FILE.gz (gzip,
// level 9). scripts/serve_dist.py serves them by Accept-Encoding.
//
// Usage: node scripts/precompress.mjs [DIR]        (default: dist)
//        node scripts/precompress.mjs --sizes DIR   print {file: [raw, gzip, brotli]} as JSON, write nothing

import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESSIBLE = new Set(['.wasm', '.js', '.css', '.html', '.svg', '.md', '.json']);

const args = process.argv.slice(2);
const sizesOnly = args[0] === '--sizes';
const dir = (sizesOnly ? args[1] : args[0]) ?? 'dist';

const brotli = (data) => zlib.brotliCompressSync(data, {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  },
});
const gzip = (data) => zlib.gzipSync(data, { level: 9 });

const sizes = {};
for (const name of readdirSync(dir)) {
  const file = path.join(dir, name);
  if (!statSync(file).isFile() || !COMPRESSIBLE.has(path.extname(name))) continue;
  const data = readFileSync(file);
  const [gz, br] = [gzip(data), brotli(data)];
  sizes[name] = [data.length, gz.length, br.length];
  if (!sizesOnly) {
    writeFileSync(`${file}.gz`, gz);
    writeFileSync(`${file}.br`, br);
  }
}
if (sizesOnly) console.log(JSON.stringify(sizes));
else console.log(`precompress: ${Object.keys(sizes).length} files in ${dir}/ (.br and .gz beside each)`);
