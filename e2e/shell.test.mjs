// The release bundle loads in Chromium and renders the app shell cleanly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppPage, BASE_URL, launchChromium, openApp } from './support.mjs';

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

test('the page runs under its Content-Security-Policy with no violation', async () => {
  // Listen before any script of the page runs: a blocked inline script,
  // style or eval fires `securitypolicyviolation` on the document.
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const app = new AppPage(await context.newPage());
  await app.goto(new URL('?preset=await-then-block&b_preset=block-then-await', BASE_URL).href);
  const policy = await app.page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
  );
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  // Draw, hover (the tooltip is positioned by style), and let it settle.
  const box = await app.chart.boundingBox();
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.waitForTimeout(200);
  assert.deepEqual(await app.page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(app.errors, [], 'no page error and no console error');
  await context.close();
});
