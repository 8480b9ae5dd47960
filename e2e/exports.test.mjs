// What leaves the page: the scenario as a Python asyncio program (the same
// text as `interleave export python`), copied and downloaded.
//
//   Explain ▸ Python ──► <pre> == CLI export ──► Download .py == the same bytes
//                    └─► synchronous baseline ticked == CLI export --sync

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, openApp, cli, SCREENSHOT_DIR } from './support.mjs';

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
