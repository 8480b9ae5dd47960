// What leaves the page: the scenario as a Python asyncio program (the same
// text as `interleave export python`), copied and downloaded.
//
//   Explain ▸ Python ──► <pre> == CLI export ──► Download .py == the same bytes
//                    └─► synchronous baseline ticked == CLI export --sync

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, openApp, cli, BASE_URL, SCREENSHOT_DIR } from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('the Python view shows and downloads the program the CLI exports', async () => {
  const app = await openApp(browser);
  const { page } = app;
  await page.locator('[data-testid="explain-tab"][data-tab="python"]').click();
  const program = app.byTestId('python-program');
  await program.waitFor({ state: 'visible' });
  const expected = cli('export', 'python', '--preset', 'hello-workers');
  assert.equal(await program.innerText(), expected.replace(/\n$/, '') + (expected.endsWith('\n') ? '\n' : ''));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.byTestId('python-download').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'interleave-hello-workers.py');
  assert.equal(readFileSync(await download.path(), 'utf8'), expected);
  await app.byTestId('python-sync').check();
  await page.waitForFunction((sync) =>
    document.querySelector('[data-testid="python-program"]').textContent === sync,
  cli('export', 'python', '--preset', 'hello-workers', '--sync'));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/view-python.png`, fullPage: true });
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

/** Clicks an Export menu item and returns the download's name and bytes. */
async function exportFile(app, testid) {
  const menu = app.byTestId('export-menu');
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.byTestId(testid).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('the Export menu downloads the trace, the pictures, the items and the report', async () => {
  const app = await openApp(browser);
  const report = JSON.parse(cli('simulate', '--preset', 'hello-workers', '--json'));

  const trace = await exportFile(app, 'export-trace');
  assert.equal(trace.name, 'interleave-hello-workers.trace.json');
  assert.equal(trace.bytes.toString('utf8'), cli('export', 'trace', '--preset', 'hello-workers'));
  const events = JSON.parse(trace.bytes).traceEvents;
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args.name);
  for (const task of ['A·1', 'B·1', 'B·2', 'B·3', 'C·1']) assert.ok(threads.includes(task), `${task} in ${threads}`);

  // The SVG is XML with a lane per task; the PNG decodes to a real picture.
  const svg = await exportFile(app, 'export-svg');
  assert.equal(svg.name, 'interleave-hello-workers.svg');
  const lanes = await app.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return -1;
    return doc.querySelectorAll('rect[data-row="task"]').length;
  }, svg.bytes.toString('utf8'));
  assert.equal(lanes, 5);
  const png = await exportFile(app, 'export-png');
  assert.equal(png.name, 'interleave-hello-workers.png');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  const picture = await app.page.evaluate(async (base64) => {
    // A blob: URL (the page's Content-Security-Policy allows no data: images).
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 97) colours.add(pixels.slice(i, i + 3).join());
    return { width: image.width, height: image.height, colours: colours.size };
  }, png.bytes.toString('base64'));
  assert.ok(picture.width >= 1200 && picture.height > 200, JSON.stringify(picture));
  assert.ok(picture.colours > 8, `a picture, not a blank: ${picture.colours} colours`);

  // The CSV reads back to the report's numbers.
  const csv = (await exportFile(app, 'export-csv')).bytes.toString('utf8').trim().split('\n');
  const header = csv[0].split(',');
  const done = header.indexOf('done_ms');
  assert.ok(done > 0, header.join(','));
  const rows = csv.slice(1).map((line) => line.split(','));
  assert.deepEqual(rows.map((r) => Number(r[done])), report.items.map((i) => Number(i.done_ms.toFixed(3))));

  // The report is the CLI's JSON report.
  const json = JSON.parse((await exportFile(app, 'export-report')).bytes);
  assert.equal(json.stats.makespan_ms, report.stats.makespan_ms);
  assert.deepEqual(json.output, report.output);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

/** The chart's time axis labels, joined by spaces. */
function tickLabels(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="chart"] .tick-label')].map((t) => t.textContent).join(' '));
}

/** Waits until the chart's time axis reads `expected` (fails with what it read). */
async function waitForTicks(page, expected) {
  try {
    await page.waitForFunction((want) =>
      [...document.querySelectorAll('[data-testid="chart"] .tick-label')].map((t) => t.textContent).join(' ') === want,
    expected, { timeout: 15000 });
  } catch {
    assert.equal(await tickLabels(page), expected, 'the time axis');
  }
}

test('a link carries the view: zoom, item, tab and playhead; a bad view keeps the scenario', async () => {
  const app = await openApp(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = app;
  await app.byTestId('zoom-in').click();
  await page.locator('[data-testid="explain-tab"][data-tab="ordering"]').click();
  await page.waitForFunction(() => /v_zoom=.*v_tab=ordering/.test(location.search));
  await app.byTestId('copy-link').click();
  await app.byTestId('copy-status').waitFor({ state: 'visible' });
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.length < 300, `${link.length} characters: ${link}`);
  const zoomed = await tickLabels(page);
  assert.notEqual(zoomed, '');

  const fresh = await openApp(browser, { url: link });
  await fresh.page.locator('[data-testid="explain-panel"][data-tab="ordering"]').waitFor({ state: 'visible' });
  await waitForTicks(fresh.page, zoomed);
  assert.equal(await fresh.output(), 'HELOL');
  assert.equal(await fresh.errorBanner.isVisible(), false);
  await fresh.page.context().close();

  // A malformed view: the default view, a message, the scenario kept.
  const bad = await openApp(browser, { url: `${link.split('?')[0]}?preset=gather&v_zoom=banana` });
  await bad.errorBanner.waitFor({ state: 'visible' });
  assert.match(await bad.byTestId('error-message').innerText(), /view/);
  await bad.page.waitForFunction(() => location.search.startsWith('?preset=gather'));
  assert.deepEqual(bad.errors, []);
  await bad.page.context().close();
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('a view link opens the same view when its preview takes several slices (CPU slowed 8×)', async () => {
  // url-fetch's preview does not fit in one 12 ms slice at this speed: the
  // view must be fitted to the computed run, not to the empty one shown
  // while it computes (a busy CI machine once lost the zoom that way).
  const url = `${BASE_URL}?preset=url-fetch&v_zoom=200-400&v_tab=ordering`;
  const wide = await openApp(browser, { url });
  await wide.page.locator('[data-testid="explain-panel"][data-tab="ordering"]').waitFor({ state: 'visible' });
  await wide.page.waitForFunction(() => location.search.includes('v_zoom=200-400'));
  const expected = await tickLabels(wide.page);
  await wide.page.context().close();

  const slow = await openApp(browser, { url, cpuThrottle: 8 });
  await slow.page.locator('[data-testid="explain-panel"][data-tab="ordering"]').waitFor({ state: 'visible' });
  await waitForTicks(slow.page, expected);
  assert.equal(await slow.errorBanner.isVisible(), false, 'no view message');
  await slow.page.waitForFunction(() => location.search.includes('v_zoom=200-400'));
  assert.deepEqual(slow.errors, []);
  await slow.page.context().close();
});
