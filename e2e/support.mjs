// Shared helpers for the end-to-end tests (node --test + playwright-core).
//
//   scripts/e2e.sh ──► trunk build --release ──► serve_dist.py (COOP/COEP)
//        └─► node --test e2e/*.test.mjs   (BASE_URL = the served bundle)
//              └─► launchChromium() ──► openApp(browser) ──► AppPage
//
// Chromium is Debian's /usr/bin/chromium; its flags are read from
// webdriver.json, so the wasm tests and these tests share one list.

import { readFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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
  get chart() { return this.byTestId('chart'); }
  get outputStrip() { return this.byTestId('output-strip'); }
  get errorBanner() { return this.byTestId('error-banner'); }
  get footer() { return this.byTestId('app-footer'); }

  /** Opens `url` (default: the app) and waits until the chart is drawn. */
  async goto(url = BASE_URL) {
    const response = await this.page.goto(url);
    await this.timeline.waitFor({ state: 'visible' });
    await this.chart.waitFor({ state: 'visible' });
    return response;
  }

  /** The output order the strip shows (its `data-output`). */
  output() { return this.outputStrip.getAttribute('data-output'); }

  /** How many task lanes the chart has. */
  async taskLanes() { return Number(await this.chart.getAttribute('data-task-lanes')); }

  /** The `data-testid` of the focused element (or its tag name). */
  focused() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      return el?.dataset?.testid ?? el?.tagName.toLowerCase();
    });
  }

  /** The workers input of stage `index`. */
  workersInput(index) {
    return this.page.locator(`[data-testid="stage"][data-stage="${index}"] [data-testid="stage-workers"]`);
  }

  /**
   * The redraw measure of the page: `{ seq, ms, drawn, simulate, layout, draw }`
   * (ms; see src/ui/perf.rs).
   */
  redraw() {
    return this.page.evaluate(() => {
      const root = document.documentElement;
      return {
        seq: Number(root.dataset.redrawSeq ?? 0),
        ms: Number(root.dataset.redrawMs ?? NaN),
        drawn: Number(root.dataset.redrawDrawn ?? 0),
        simulate: Number(root.dataset.phaseSimulate ?? NaN),
        layout: Number(root.dataset.phaseLayout ?? NaN),
        draw: Number(root.dataset.phaseDraw ?? NaN),
      };
    });
  }

  /** Runs `edit`, then waits for the redraw it causes and returns its measure. */
  async measureEdit(edit) {
    const before = (await this.redraw()).seq;
    await edit();
    await this.page.waitForFunction(
      (seq) => Number(document.documentElement.dataset.redrawSeq ?? 0) > seq, before);
    return this.redraw();
  }

  /** Saves a full-page screenshot as target/screenshots/<name>.png. */
  async screenshot(name) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

/**
 * Opens the app in a fresh context (own storage) of `browser`. `cpuThrottle`
 * slows the page's CPU that many times (Chromium's DevTools throttling), as
 * on a slow phone or a busy machine.
 */
export async function openApp(browser, { colorScheme = 'light', url, viewport = { width: 1280, height: 800 }, permissions = [], hasTouch = false, cpuThrottle } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, permissions, hasTouch, isMobile: hasTouch });
  const page = await context.newPage();
  if (cpuThrottle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  }
  const app = new AppPage(page);
  await app.goto(url);
  return app;
}

let cliBuilt = false;

/**
 * Runs the native CLI (`target/release/interleave ARGS…`) and returns its
 * stdout. Builds it first, once per test process (a no-op when it is fresh).
 */
export function cli(...args) {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'interleave'], { cwd: ROOT, stdio: 'inherit' });
    cliBuilt = true;
  }
  return execFileSync(path.join(ROOT, 'target', 'release', 'interleave'), args, { cwd: ROOT, encoding: 'utf8' });
}

/** The CLI's JSON report of a preset. */
export function cliReport(id) {
  return JSON.parse(cli('simulate', '--preset', id, '--json'));
}

/** The output order of a report as the app shows it (like `Report::output_text`). */
export function outputText(report) {
  const labels = report.output;
  return labels.every((l) => [...l].length === 1) ? labels.join('') : labels.join(' ');
}

/** Every preset id, from the CLI (`interleave presets`). */
export function presetIds() {
  return cli('presets').split('\n').map((line) => line.split(/\s+/)[0]).filter(Boolean);
}
