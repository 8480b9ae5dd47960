// Reliability at the caps: links to the largest valid scenarios open, alone
// and compared, with no page error; printed (not asserted, they depend on
// the machine): the longest main-thread task while the preview computes
// (PerformanceObserver 'longtask', and a requestAnimationFrame gap monitor)
// and the wasm memory afterwards.
//
//   scenario JSON ──► interleave link FILE --base URL ──► page.goto(link)
//     … preview in slices (progress shown) … chart drawn ──► errors? longest task? memory?

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './support.mjs';
import { compared, everyCap, largest, linkTo, monitor, wasmMemoryMb } from './heavy.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Opens `link`, waits for the chart of `lanes` task lanes (both charts when compared). */
async function openAtCap(name, link, { lanes, sides = 1 }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  await monitor(page);
  const t0 = Date.now();
  await page.goto(link);
  let progressSeen = false;
  const progress = page.locator('[data-testid="preview-progress"]');
  const done = async () => page.evaluate(({ lanes, sides }) => {
    const ids = sides === 2 ? ['chart', 'chart-b'] : ['chart'];
    return ids.every((id) => {
      const chart = document.querySelector(`[data-testid="${id}"]`);
      return chart && chart.getAttribute('data-task-lanes') === String(lanes)
        && Number(chart.getAttribute('data-spans')) > 0;
    });
  }, { lanes, sides });
  const deadline = Date.now() + 120_000;
  while (!(await done())) {
    if (await progress.count()) progressSeen = true;
    assert.ok(Date.now() < deadline, `${name}: the chart is drawn within 120 s`);
    await page.waitForTimeout(100);
  }
  const seconds = (Date.now() - t0) / 1000;
  // A few frames more, then read the monitors.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const longest = await page.evaluate(() => window.__longest);
  const memory = await wasmMemoryMb(page);
  const spans = await page.locator('[data-testid="chart"]').getAttribute('data-spans');
  const banner = await page.locator('[data-testid="error-banner"]').isVisible();
  console.log(`# ${name}: ${link.length} characters, ${spans} spans, shown in ${seconds.toFixed(1)} s`
    + ` (progress shown: ${progressSeen}); loading and mounting: longest task ${longest.start.task.toFixed(0)} ms;`
    + ` after the start: longest task ${longest.task.toFixed(0)} ms, longest frame gap ${longest.gap.toFixed(0)} ms;`
    + ` wasm memory ${memory.toFixed(0)} MB`);
  assert.deepEqual(errors, [], `${name}: no page error`);
  assert.equal(banner, false, `${name}: no error banner`);
  return { page, context, longest, memory };
}

test('the largest valid scenario opens from a link, alone', async () => {
  const { page, context } = await openAtCap('largest', linkTo(largest(), 'largest'), { lanes: 4096 });
  // It stays usable: an edit of it computes again, the page answers meanwhile.
  const stats = page.locator('[data-testid="stat-makespan"]');
  assert.ok((await stats.innerText()).length > 0);
  await context.close();
});

test('the largest valid scenario opens as both sides of a comparison', async () => {
  const link = compared(linkTo(largest(), 'largest'));
  const { context } = await openAtCap('largest compared', link, { lanes: 4096, sides: 2 });
  await context.close();
});

test('a scenario at every other cap opens from a link', async () => {
  const { context } = await openAtCap('every cap', linkTo(everyCap(), 'every-cap'), { lanes: 4096 });
  await context.close();
});
