// The insight views on the release bundle: compare two runs, sweep a
// parameter, read the ordering, the blame and the loop state at a playhead.
//
//   ?preset=await-then-block&b_preset=block-then-await ──► two charts + difference table
//   parallel-downloads ──► Sweep (16 points, timed) ──► click a point ──► editor + preview
//   block-then-await ──► Scrub: keys ──► ready queue, timers (overdue), queues
//   screenshots: target/screenshots/view-{compare,sweep,ordering,scrub,insights}.png

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchChromium, openApp } from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/**
 * A full-page screenshot from the top (the editor is sticky: a scrolled page
 * would draw it halfway down).
 */
async function shot(app, name) {
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.screenshot(name);
}

/** Opens a tab of the Explain panel and returns its panel. */
async function openTab(app, id) {
  await app.page.locator(`[data-testid="explain-tab"][data-tab="${id}"]`).click();
  const panel = app.page.locator(`[data-testid="explain-panel"][data-tab="${id}"]`);
  await panel.waitFor({ state: 'visible' });
  return panel;
}

test('a comparison link shows both charts on one axis and the differences', async () => {
  const app = await openApp(browser, { url: `${BASE_URL}?preset=await-then-block&b_preset=block-then-await` });
  const { page } = app;
  await app.byTestId('chart-b').waitFor({ state: 'visible' });
  // One time axis: both runs take 15 s, both charts are as wide.
  const widths = await page.evaluate(() => ['chart', 'chart-b'].map((id) =>
    document.querySelector(`[data-testid="${id}"]`).getAttribute('width')));
  assert.equal(widths[0], widths[1]);
  const labels = await app.byTestId('side-label').allInnerTexts();
  assert.deepEqual(labels.map((l) => l.split(' · ')[0]), ['A', 'B']);
  assert.match(labels[1], /block/i);
  const panel = app.page.locator('[data-testid="explain-panel"][data-tab="compare"]');
  await panel.waitFor({ state: 'visible' });
  const row = (name) => page.locator(`[data-testid="compare-table"] tr[data-row="${name}"] td`);
  await row('makespan').first().waitFor();
  assert.deepEqual(await row('makespan').allInnerTexts(), ['15.000 s', '15.000 s', 'same']);
  assert.deepEqual(await row('latency p50').allInnerTexts(), ['10.000 s', '12.500 s', '+25%']);
  // The link keeps both sides.
  assert.match(page.url(), /preset=await-then-block&b_preset=block-then-await/);
  // Opening a link is not an edit: nothing to undo (side B became a copy
  // of A on Undo).
  await page.locator('[data-testid="editor"] [data-testid="edit-side"][data-side="B"]').click();
  assert.equal(await app.byTestId('undo').isDisabled(), true);
  await page.locator('[data-testid="editor"] [data-testid="edit-side"][data-side="A"]').click();

  // Edit side B: the editor switches, the link follows B.
  await page.locator('[data-testid="editor"] [data-testid="edit-side"][data-side="B"]').click();
  await app.workersInput(1).fill('2');
  await page.waitForFunction(() => /b_s=\d+\./.test(location.search));
  assert.match(page.url(), /preset=await-then-block&b_s=\d+\./, 'A unchanged, B edited');
  await page.locator('[data-testid="editor"] [data-testid="edit-side"][data-side="A"]').click();
  assert.equal(await app.workersInput(1).inputValue(), '5', 'side A still has 5 workers');

  await shot(app, 'view-compare');

  // The synchronous baseline as B, in one click.
  await page.locator('[data-testid="compare-sync"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="compare-table"] tr[data-row="makespan"] td:nth-of-type(2)')?.textContent === '25.000 s');
  assert.match((await app.byTestId('side-label').allInnerTexts())[1], /synchronous baseline/);
  await page.locator('[data-testid="compare-end"]').click();
  await app.byTestId('chart-b').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !/b_/.test(location.search));
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('a gallery pair opens as a comparison', async () => {
  const app = await openApp(browser);
  await app.page.locator('[data-testid="pair-link"][data-pair="sequential"]').click();
  await app.byTestId('chart-b').waitFor({ state: 'visible' });
  await app.page.waitForFunction(() => location.search.startsWith('?preset=sequential&b_preset=gather'));
  const row = app.page.locator('[data-testid="compare-table"] tr[data-row="makespan"] td');
  await row.first().waitFor();
  assert.deepEqual(await row.allInnerTexts(), ['25.000 s', '5.000 s', '−80%']);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('a sweep of parallel-downloads runs 16 points and a click loads one', async () => {
  const app = await openApp(browser, { url: `${BASE_URL}?preset=parallel-downloads` });
  const { page } = app;
  const panel = await openTab(app, 'sweep');
  assert.equal(await panel.locator('[data-testid="sweep-values"]').inputValue(), '1..16');
  const chosen = await panel.locator('[data-testid="sweep-parameter"] option:checked').innerText();
  assert.equal(chosen, 'workers of detail');
  await panel.locator('[data-testid="sweep-run"]').click();
  await panel.locator('[data-testid="sweep-point"]').nth(15).waitFor();
  assert.equal(await panel.locator('[data-testid="sweep-point"]').count(), 16);
  const timing = await page.evaluate(() => ({
    ms: Number(document.documentElement.dataset.sweepMs),
    wall: Number(document.documentElement.dataset.sweepWallMs),
    points: Number(document.documentElement.dataset.sweepPoints),
  }));
  console.log(`16-point sweep of parallel-downloads in the browser: ${timing.ms.toFixed(2)} ms computing, ${timing.wall.toFixed(2)} ms from Run to result`);
  assert.equal(timing.points, 16);
  assert.ok(timing.ms <= 50, `the sweep took ${timing.ms} ms`);
  assert.match(await panel.locator('[data-testid="sweep-timing"]').innerText(), /16 points/);
  // The CLI's table (`interleave sweep`): 8 workers ⇒ 1.864 s, ×6.97; bound 1.6 s.
  const row8 = panel.locator('[data-testid="sweep-table"] tr[data-index="7"] td');
  const cells = await row8.allInnerTexts();
  assert.deepEqual([cells[0], cells[1], cells[3], cells[4]], ['8', '1.864 s', '×6.97', '1.600 s']);
  // The preset has 8 workers: that point is the one shown.
  await panel.locator('[data-testid="sweep-table"] tr.current[data-index="7"]').waitFor();
  // The bound's explanation is a tooltip on its line.
  assert.match(await panel.locator('.ref-line.bound title').textContent(), /no schedule can do better/);

  // Click the 4-worker point: the editor and the preview follow.
  await panel.locator('[data-testid="sweep-point"][data-index="3"]').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="chart"]').getAttribute('data-task-lanes') === '5');
  assert.equal(await app.workersInput(1).inputValue(), '4', 'the editor shows 4 workers');
  assert.equal(await app.byTestId('stat-makespan').innerText(), '3.400 s');
  await panel.locator('[data-testid="sweep-table"] tr.current[data-index="3"]').waitFor();
  // A table row loads its point too.
  await panel.locator('[data-testid="sweep-table"] tr[data-index="15"] button').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="chart"]').getAttribute('data-task-lanes') === '17');
  assert.equal(await app.byTestId('stat-makespan').innerText(), '1.352 s');
  // Another metric, same points.
  await panel.locator('[data-testid="sweep-metric"]').selectOption('speedup');
  await panel.locator('.sweep-plot[aria-label^="speedup"]').waitFor();
  await shot(app, 'view-sweep');
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('scrubbing block-then-await with the keyboard reads the loop state', async () => {
  const app = await openApp(browser, { url: `${BASE_URL}?preset=block-then-await` });
  const { page } = app;
  const panel = await openTab(app, 'scrub');
  const range = panel.locator('[data-testid="scrub-range"]');
  const value = (key) => panel.locator(`[data-testid="scrub-state"] dd[data-key="${key}"]`).innerText();
  await range.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight'); // 2.5 s
  await page.keyboard.press('ArrowRight'); // 5 s
  await page.waitForFunction(() => document.querySelector('[data-testid="scrub-time"]').dataset.us === '5000000');
  assert.equal(await value('running'), 'myproc·3 (blocking: nothing else runs)');
  assert.equal(await value('ready'), '[myproc·4, myproc·5]');
  assert.equal(await value('timers'), '[myproc·1 due 5 s, myproc·2 due 7.5 s]');
  assert.equal(await value('queue-0'), '[4, 5]');
  // Drag the slider to 6 s: myproc·1's timer is now overdue.
  await range.evaluate((el) => {
    el.value = '6000000';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="scrub-time"]').dataset.us === '6000000');
  assert.equal(await value('timers'), '[myproc·1 due 5 s (overdue), myproc·2 due 7.5 s]');
  assert.equal(await panel.locator('.entry.overdue').innerText(), 'myproc·1 due 5 s (overdue)');
  // The playhead is drawn on the chart.
  assert.ok(await page.locator('[data-testid="chart"] path.playhead').count() === 1);
  await shot(app, 'view-scrub');
  // Back is as easy as forward.
  await range.focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid="scrub-time"]').dataset.us === '2500000');
  assert.equal(await value('running'), 'myproc·2 (blocking: nothing else runs)');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('[data-testid="scrub-time"]').dataset.us === '15000000');
  assert.equal(await value('running'), 'nobody: every task is done');
  // Pressing the chart's axis moves the playhead there.
  const box = await app.chart.boundingBox();
  await page.mouse.click(box.x + box.width - 20, box.y + 8);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="scrub-time"]').dataset.us) > 14000000);
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('ordering shows where HELOL is born, and the ordered option costs latency', async () => {
  const app = await openApp(browser);
  const { page } = app;
  const panel = await openTab(app, 'ordering');
  const stage = panel.locator('[data-testid="stage-order"][data-stage="1"]');
  assert.equal(await stage.getAttribute('data-inversions'), '1');
  assert.equal(await stage.locator('.order-line.crosses').count(), 2, 'L and O cross');
  const before = await panel.locator('[data-testid="order-latency"]').innerText();
  await shot(app, 'view-ordering');
  await stage.locator('[data-testid="order-ordered"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="output-strip"]').dataset.output === 'HELLO');
  await panel.locator('[data-testid="stage-order"][data-stage="1"][data-inversions="0"]').waitFor();
  assert.notEqual(await panel.locator('[data-testid="order-latency"]').innerText(), before, 'latency changes');
  assert.match(await panel.locator('.order-cost').first().innerText(), /reorder buffer/);
  // The editor shows the same option.
  assert.equal(await page.locator('[data-testid="stage"][data-stage="1"] [data-testid="stage-ordered"]').isChecked(), true);
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('insights and blame explain await-then-block; an item shows its path', async () => {
  const app = await openApp(browser, { url: `${BASE_URL}?preset=await-then-block` });
  const { page } = app;
  const blocking = app.page.locator('[data-testid="insights"] li[data-topic="blocking"]');
  await blocking.waitFor();
  assert.match(await blocking.innerText(), /^83%/);
  const panel = await openTab(app, 'insights');
  const first = panel.locator('[data-testid="blame-entry"]').first();
  assert.equal(await first.innerText(), 'myproc·1 blocking 2.5 s at t=2.5 s: delayed 4 tasks by 10 s');
  await first.hover();
  await page.locator('[data-testid="chart"] path.focus').waitFor();
  await first.click();
  assert.equal(await first.getAttribute('aria-pressed'), 'true');
  assert.match(await panel.locator('[data-testid="bound"]').innerText(), /blocking work/);
  // Click the last item in the output strip: its lineage.
  const strip = await page.locator('[data-testid="output-strip"]').boundingBox();
  await page.mouse.click(strip.x + strip.width - 5, strip.y + strip.height / 2);
  const lineage = app.byTestId('lineage');
  await lineage.waitFor({ state: 'visible' });
  assert.match(await lineage.innerText(), /Item “5”/);
  assert.match(await lineage.innerText(), /served by myproc·5/);
  await page.locator('[data-testid="chart"] path.selected-item').waitFor();
  await shot(app, 'view-insights');
  await lineage.locator('[data-testid="lineage-close"]').click();
  await lineage.waitFor({ state: 'hidden' });
  assert.deepEqual(app.errors, []);
  await page.context().close();
});

test('the Explain tabs work from the keyboard', async () => {
  const app = await openApp(browser);
  const tab = (id) => app.page.locator(`[data-testid="explain-tab"][data-tab="${id}"]`);
  await tab('insights').focus();
  await app.page.keyboard.press('ArrowRight');
  assert.equal(await tab('ordering').getAttribute('aria-selected'), 'true');
  assert.equal(await app.page.evaluate(() => document.activeElement.dataset.tab), 'ordering');
  await app.page.keyboard.press('End');
  assert.equal(await tab('python').getAttribute('aria-selected'), 'true');
  await app.page.keyboard.press('ArrowRight');
  assert.equal(await tab('insights').getAttribute('aria-selected'), 'true');
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});
