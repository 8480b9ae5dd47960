// The release bundle loads in Chromium and renders the app shell cleanly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, openApp } from './support.mjs';

const TAGLINE = 'See how single-threaded async pipelines interleave, reorder and block';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('the page loads and renders the shell without errors', async () => {
  const app = await openApp(browser);
  const { page } = app;

  assert.equal(await page.title(), 'Interleave');
  assert.match(await app.header.innerText(), /Interleave/);
  assert.match(await app.header.innerText(), new RegExp(TAGLINE));
  assert.ok(await app.timeline.isVisible(), 'the timeline region is visible');
  assert.ok(await app.chart.isVisible(), 'an example is drawn at once');
  assert.ok(await app.errorBanner.isHidden(), 'no error, so no banner');
  assert.equal(await app.errorBanner.getAttribute('role'), 'alert');
  assert.ok(await app.footer.isVisible(), 'the footer is visible');

  // Cross-origin isolation (the server's COOP/COEP) for fine timers.
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true);

  await app.screenshot('shell');
  assert.deepEqual(app.errors, [], 'no page error and no console error');
  await page.context().close();
});

test('the dark theme applies and still renders without errors', async () => {
  const app = await openApp(browser, { colorScheme: 'dark' });
  const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)', 'body uses the dark --bg');
  await app.screenshot('shell-dark');
  assert.deepEqual(app.errors, []);
  await app.page.context().close();
});

test('the footer links to the README shipped with the bundle', async () => {
  const app = await openApp(browser);
  const href = await app.footer.locator('a').getAttribute('href');
  assert.equal(href, 'README.md');
  const response = await app.page.request.get(new URL(href, app.page.url()).href);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^# Interleave/m);
  await app.page.context().close();
});
