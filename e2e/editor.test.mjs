// The editor used the way people use it: retyping numbers, negative and
// partial values, buttons pressed twice from the keyboard, focus after
// Run live and Stop, undo and redo, the banner, a tap on a phone.
//
//   type over a value ──► the field keeps what is typed; a message beside it
//   Enter, Enter on "+ Step" ──► two steps, focus still on "+ Step"
//   Run live ──► focus on Stop ──► Stop ──► focus on Run live
//   Ctrl+Z / Shift+Ctrl+Z and the buttons ──► every edit undone and redone
//   a scenario of more than 64 steps ──► its steps folded; the disclosure unfolds them

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchChromium, openApp } from './support.mjs';
import { linkTo } from './heavy.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Waits until the chart has `n` task lanes. */
function waitForLanes(app, n) {
  return app.page.waitForFunction((n) =>
    document.querySelector('[data-testid="chart"]').getAttribute('data-task-lanes') === String(n), n);
}

/** The message beside an input (text that is not a value yet). */
function messageOf(input) {
  return input.locator('xpath=ancestor::label[1]').locator('.field-error.local');
}

function stage(app, index) {
  return app.page.locator(`[data-testid="stage"][data-stage="${index}"]`);
}

test('clearing and retyping a number keeps what is typed', async () => {
  const app = await openApp(browser);
  const workers = app.workersInput(1);
  assert.equal(await workers.inputValue(), '3');
  await workers.click();
  await app.page.keyboard.press('End');
  await app.page.keyboard.press('Backspace');
  // Empty is not a value yet: the field stays empty, a message says why,
  // and the chart keeps the last valid scenario.
  assert.equal(await workers.inputValue(), '');
  const message = messageOf(workers);
  assert.equal(await message.innerText(), 'Stage 2 (B): workers must be a whole number.');
  assert.equal(await app.taskLanes(), 5);
  await app.page.keyboard.type('1');
  await waitForLanes(app, 3);
  assert.equal(await workers.inputValue(), '1', 'not 31');
  assert.equal(await message.innerText(), '');
  // The slider agrees.
  assert.equal(await stage(app, 1).locator('[data-testid="stage-workers-range"]').inputValue(), '1');
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('negative and partial values get a message, never a concatenation', async () => {
  const app = await openApp(browser);
  const min = stage(app, 1).locator('[data-testid="step-param-a"]');
  assert.equal(await min.inputValue(), '1000');
  await min.selectText();
  await app.page.keyboard.type('-');
  assert.equal(await min.inputValue(), '-');
  assert.equal(await messageOf(min).innerText(), 'Stage 2 (B), step 1: the minimum must be a number.');
  await app.page.keyboard.type('100');
  assert.equal(await min.inputValue(), '-100', 'not 1000100');
  const error = stage(app, 1).locator('[data-testid="field-error"]');
  await error.waitFor();
  assert.equal(
    await error.innerText(),
    'Stage 2 (B), step 1: the minimum must be between 0 and 3600000 ms (got -100).',
  );
  await app.byTestId('stale-notice').waitFor({ state: 'visible' });
  assert.equal(await app.output(), 'HELOL', 'the chart keeps the last valid run');
  // A partial decimal stays as typed and counts as its value.
  await min.selectText();
  await app.page.keyboard.type('500.');
  assert.equal(await min.inputValue(), '500.');
  await error.waitFor({ state: 'detached' });
  await app.page.screenshot({ path: 'target/screenshots/editor-typing.png' });
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('Enter twice on "+ Step" adds two steps and keeps the focus there', async () => {
  const app = await openApp(browser);
  const steps = stage(app, 1).locator('[data-testid="step"]');
  assert.equal(await steps.count(), 1);
  await stage(app, 1).locator('[data-testid="step-add"]').focus();
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() =>
    document.querySelectorAll('[data-testid="stage"][data-stage="1"] [data-testid="step"]').length === 3);
  assert.equal(await app.focused(), 'step-add');
  // Moving a stage keeps the focus on the button pressed.
  await stage(app, 2).locator('[data-testid="stage-up"]').focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() =>
    document.querySelector('[data-testid="stage"][data-stage="1"] [data-testid="stage-name"]').value === 'C');
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'stage-up');
  const legend = await app.page.evaluate(() => document.activeElement.closest('fieldset').querySelector('legend').textContent);
  assert.equal(legend, 'Stage 2: C', 'the focus moved with its stage');
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('after Run live the focus is on Stop, after Stop on Run live; a skip link leads to the chart', async () => {
  const app = await openApp(browser);
  await app.page.keyboard.press('Tab');
  assert.equal(await app.focused(), 'skip-link');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.id === 'timeline-heading');
  await app.byTestId('live-run').focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'live-stop');
  await app.page.keyboard.press('Enter');
  await app.byTestId('live-result').waitFor();
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'live-run');
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('undo and redo every edit, from the buttons and the keyboard', async () => {
  const app = await openApp(browser);
  const undo = app.byTestId('undo');
  const redo = app.byTestId('redo');
  assert.equal(await undo.isDisabled(), true);
  await app.workersInput(1).fill('5');
  await waitForLanes(app, 7);
  await stage(app, 2).locator('[data-testid="stage-remove"]').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="stage"]').length === 2);
  // Ctrl+Z with the focus outside a text field: the stage comes back.
  await app.page.locator('body').click({ position: { x: 2, y: 2 } });
  await app.page.keyboard.press('Control+z');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="stage"]').length === 3);
  assert.equal(await stage(app, 2).locator('[data-testid="stage-name"]').inputValue(), 'C');
  await undo.click();
  await waitForLanes(app, 5);
  assert.equal(await app.workersInput(1).inputValue(), '3');
  assert.equal(await undo.isDisabled(), true);
  await redo.click();
  await waitForLanes(app, 7);
  await app.page.locator('body').click({ position: { x: 2, y: 2 } });
  await app.page.keyboard.press('Control+Shift+z');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="stage"]').length === 2);
  assert.equal(await redo.isDisabled(), true);
  // Loading an example is an edit too.
  await app.page.locator('[data-preset="gather"]').click();
  await app.page.waitForFunction(() => location.search === '?preset=gather');
  await undo.click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="stage"]').length === 2);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('Ctrl+Z with nothing left to undo changes nothing (the browser\'s own undo would replay a field\'s typing)', async () => {
  const app = await openApp(browser);
  const name = stage(app, 1).locator('[data-testid="stage-name"]');
  await name.fill('');
  await app.page.keyboard.type('Bee');
  await name.fill('');
  await app.page.keyboard.type('Bee');
  await app.page.locator('body').click({ position: { x: 2, y: 2 } });
  const seen = [];
  for (let i = 0; i < 8; i += 1) {
    await app.page.keyboard.press('Control+z');
    await app.page.waitForTimeout(50);
    seen.push(await name.inputValue());
  }
  // Once back at "B", nothing more: it became "BBee" before.
  assert.deepEqual(seen.slice(seen.indexOf('B')), Array(8 - seen.indexOf('B')).fill('B'), seen.join(' | '));
  assert.equal(await app.byTestId('undo').isDisabled(), true);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('a field shows one message: what it holds, not the value before it', async () => {
  const app = await openApp(browser);
  const workers = app.workersInput(1);
  // Shown: the messages of stage 2 that are displayed.
  const shown = () => stage(app, 1).locator('.field-error').evaluateAll((els) =>
    els.filter((e) => getComputedStyle(e).display !== 'none' && e.textContent).map((e) => e.textContent));
  await workers.fill('0');
  await stage(app, 1).locator('[data-testid="field-error"]').waitFor();
  assert.deepEqual(await shown(), ['Stage 2 (B): workers must be between 1 and 1000 (got 0).']);
  // "x" is not a value: the scenario still holds 0, but the field says x.
  await workers.fill('x');
  assert.deepEqual(await shown(), ['Stage 2 (B): workers must be a whole number.']);
  assert.equal(await app.byTestId('stale-notice').isVisible(), true);
  await workers.fill('2');
  await waitForLanes(app, 4);
  assert.deepEqual(await shown(), []);
  assert.equal(await app.byTestId('stale-notice').isVisible(), false);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('the error banner clears when another example loads', async () => {
  const app = await openApp(browser, { url: `${BASE_URL}?preset=no-such-preset` });
  await app.errorBanner.waitFor({ state: 'visible' });
  await app.page.locator('[data-preset="gather"]').click();
  await app.errorBanner.waitFor({ state: 'hidden' });
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('the legend explains each state in asyncio terms on focus', async () => {
  const app = await openApp(browser);
  const items = app.byTestId('legend-item');
  assert.ok((await items.count()) >= 7);
  const blocked = items.filter({ hasText: 'blocked' }).first();
  await blocked.focus();
  const tip = blocked.locator('.legend-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /time\.sleep\(\)/);
  await app.byTestId('help').locator('summary').click();
  assert.match(await app.byTestId('help').innerText(), /Ctrl/);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('on a phone, a tap on a span shows its tooltip and nothing overlaps', async () => {
  const app = await openApp(browser, { viewport: { width: 390, height: 844 }, hasTouch: true });
  // A point on a span, found with the chart's own hit test: a mouse
  // pointermove there shows a tooltip (the spans are painted on a canvas).
  await app.chart.scrollIntoViewIfNeeded();
  const point = await app.page.evaluate(async () => {
    const svg = document.querySelector('[data-testid="chart"]');
    const r = svg.getBoundingClientRect();
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    for (let y = r.top + 30; y < Math.min(r.bottom, innerHeight); y += 4) {
      for (let x = r.left + 100; x < Math.min(r.right, innerWidth); x += 9) {
        svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true }));
        await frame();
        if (document.querySelector('[data-testid="chart-tooltip"]')) {
          svg.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
          await frame();
          return { x, y };
        }
      }
    }
    return null;
  });
  await app.page.touchscreen.tap(point.x, point.y);
  await app.byTestId('chart-tooltip').waitFor({ state: 'visible' });
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 390, `no sideways scrolling (${overflow} px)`);
  await app.page.screenshot({ path: 'target/screenshots/phone-tap.png' });
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('a big scenario opens with its steps folded; the disclosure unfolds them', async () => {
  // 3 stages × 25 steps: more than the 64 shown at first.
  const steps = Array.from({ length: 25 }, (_, i) =>
    i % 2 ? { block: { fixed: 1 } } : { wait: { uniform: { min: 1, max: 5 } } });
  const scenario = {
    version: 1, seed: 1, items: { count: 3 },
    stages: ['a', 'b', 'c'].map((name) => ({ name, workers: 2, steps })),
  };
  const app = await openApp(browser, { url: linkTo(scenario, 'folded-steps') });
  const toggles = app.byTestId('steps-toggle');
  assert.equal(await toggles.count(), 3);
  for (let i = 0; i < 3; i++) {
    assert.equal(await toggles.nth(i).getAttribute('aria-expanded'), 'false');
    assert.equal(await toggles.nth(i).innerText(), 'Steps per item (25)');
  }
  assert.equal(await app.byTestId('step').count(), 0, 'no step controls built');
  // Unfold stage 2 from the keyboard.
  await toggles.nth(1).focus();
  await app.page.keyboard.press('Enter');
  assert.equal(await toggles.nth(1).getAttribute('aria-expanded'), 'true');
  const rows = stage(app, 1).locator('[data-testid="step"]');
  assert.equal(await rows.count(), 25);
  // Only the fields a step's kind uses are shown: a wait has a law and its
  // parameters, no resource and no counter.
  const wait = rows.nth(0);
  assert.ok(await wait.locator('[data-testid="step-law"]').isVisible());
  assert.ok(await wait.locator('[data-testid="step-param-b"]').isVisible());
  assert.ok(await wait.locator('[data-testid="step-resource"]').isHidden());
  assert.ok(await wait.locator('[data-testid="step-counter"]').isHidden());
  await toggles.nth(1).scrollIntoViewIfNeeded();
  await app.screenshot('editor-steps-unfolded');
  // Editing there works as in any stage.
  const max = wait.locator('[data-testid="step-param-b"]');
  await max.selectText();
  await app.page.keyboard.type('7');
  assert.equal(await max.inputValue(), '7');
  // Fold it again.
  await toggles.nth(1).click();
  assert.equal(await toggles.nth(1).getAttribute('aria-expanded'), 'false');
  assert.equal(await app.byTestId('step').count(), 0);
  assert.deepEqual(app.errors, []);
  await app.page.context().close();

  // A preset (few steps) opens unfolded.
  const preset = await openApp(browser);
  assert.equal(await preset.byTestId('steps-toggle').first().getAttribute('aria-expanded'), 'true');
  assert.ok(await preset.byTestId('step').count() > 0);
  await preset.page.context().close();
});
