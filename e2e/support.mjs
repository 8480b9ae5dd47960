// Shared helpers for the end-to-end tests (node --test + playwright-core).
//
//   scripts/e2e.sh ──► trunk build --release ──► serve_dist.py (COOP/COEP)
//        └─► node --test e2e/*.test.mjs   (BASE_URL = the served bundle)
//              └─► launchChromium() ──► openApp(browser) ──► AppPage
//
// Chromium is Debian's /usr/bin/chromium; its flags are read from
// webdriver.json, so the wasm tests and these tests share one list.

import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The served bundle, set by scripts/e2e.sh. */
export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';

/** Where screenshots go (not committed). */
export const SCREENSHOT_DIR = path.join(ROOT, 'target', 'screenshots');

/** Chromium flags from webdriver.json (minus --headless: Playwright adds its own). */
export function chromiumArgs() {
  const caps = JSON.parse(readFileSync(path.join(ROOT, 'webdriver.json'), 'utf8'));
  return caps['goog:chromeOptions'].args.filter((a) => a !== '--headless');
}

/** Launches headless Chromium (the Debian build, never a downloaded one). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs(),
  });
}

/**
 * A page object for the app. `errors` collects every uncaught page error and
 * every console message of type "error" since the page was opened.
 */
export class AppPage {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console.error: ${m.text()}`);
    });
  }

  byTestId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  get header() { return this.byTestId('app-header'); }
  get timeline() { return this.byTestId('timeline'); }
  get timelineEmpty() { return this.byTestId('timeline-empty'); }
  get errorBanner() { return this.byTestId('error-banner'); }
  get footer() { return this.byTestId('app-footer'); }

  /** Opens `url` (default: the app) and waits until the shell rendered. */
  async goto(url = BASE_URL) {
    const response = await this.page.goto(url);
    await this.timeline.waitFor({ state: 'visible' });
    return response;
  }

  /** Saves a full-page screenshot as target/screenshots/<name>.png. */
  async screenshot(name) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

/** Opens the app in a fresh context (own storage) of `browser`. */
export async function openApp(browser, { colorScheme = 'light', url } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1100, height: 700 } });
  const app = new AppPage(await context.newPage());
  await app.goto(url);
  return app;
}
