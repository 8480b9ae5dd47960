// Scenario files for the heavy e2e tests, links to them written by the CLI
// (`interleave link FILE --base URL`), and the page monitors they print.
//
//   largest()      the largest valid scenario (tests/integration/caps.rs):
//                  16 stages × 256 workers, 10 000 items, 32 one-hour blocks a stage
//   everyCap()     names, resources, counters, steps and items text at their caps
//   spans(items, workers, steps)   a chart of about items × stages × steps × 3 spans

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_URL, cli } from './support.mjs';

const MAX_ITEMS = 10_000;
const MAX_STAGES = 16;
const MAX_TASKS = 4_096;
const MAX_STEPS = 32;
const MAX_NAME = 32;
const MAX_RESOURCES = 16;
const MAX_COUNTERS = 16;

/** The largest scenario the caps allow, as issue 9 tried it. */
export function largest() {
  return {
    version: 1,
    seed: 0,
    items: { count: MAX_ITEMS },
    stages: Array.from({ length: MAX_STAGES }, (_, i) => ({
      name: `s${i}`,
      workers: MAX_TASKS / MAX_STAGES,
      steps: Array.from({ length: MAX_STEPS }, () => ({ block: { fixed: 3_600_000 } })),
    })),
  };
}

/** Every other cap at once: 32-character names, 16 resources and counters, 32 steps. */
export function everyCap() {
  const name = (prefix, i) => `${prefix}${i}`.padEnd(MAX_NAME, 'x');
  const resources = Array.from({ length: MAX_RESOURCES }, (_, i) => ({
    name: name('r', i), kind: i % 2 ? 'lock' : 'semaphore', permits: i % 2 ? 1 : 1000,
  }));
  const counters = Array.from({ length: MAX_COUNTERS }, (_, i) => name('c', i));
  const text = Array.from({ length: MAX_ITEMS }, (_, i) => String.fromCharCode(65 + (i % 26))).join('');
  return {
    version: 1,
    seed: 7,
    items: { text },
    resources,
    stages: Array.from({ length: MAX_STAGES }, (_, s) => ({
      name: name('stage', s),
      workers: MAX_TASKS / MAX_STAGES,
      steps: Array.from({ length: MAX_STEPS }, (_, i) => {
        const r = resources[(s + Math.floor(i / 4)) % MAX_RESOURCES].name;
        switch (i % 4) {
          case 0: return { acquire: r };
          case 1: return { add: { counter: counters[(s + i) % MAX_COUNTERS], amount: 1 } };
          case 2: return { release: r };
          default: return { wait: { fixed: 0.5 } };
        }
      }),
    })),
  };
}

/** A pipeline that draws about `items × stages × steps × 3` spans. */
export function spans(items, stages, workers, steps) {
  return {
    version: 1,
    seed: 1,
    items: { count: items },
    stages: Array.from({ length: stages }, (_, s) => ({
      name: `st${s}`,
      workers,
      steps: Array.from({ length: steps }, (_, i) =>
        i % 2 ? { block: { fixed: 0.2 } } : { wait: { uniform: { min: 1, max: 20 } } }),
    })),
  };
}

let dir;

/** The app's link to `scenario` (written by the CLI from a scenario file). */
export function linkTo(scenario, name) {
  dir ??= mkdtempSync(path.join(os.tmpdir(), 'interleave-e2e-'));
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return cli('link', file, '--base', BASE_URL).trim();
}

/** `link` with its scenario as side B too (`b_s`). */
export function compared(link) {
  const s = new URL(link).searchParams.get('s');
  return `${link}&b_s=${s}`;
}

/**
 * Installs, before the app starts, a long-task observer and a frame-gap
 * monitor: `window.__longest` = { task, gap } (ms) since the app started
 * (www/boot.js's event), and `start` = the same before it (loading,
 * compiling and mounting the app: its first task). Long-task entries are
 * delivered after their task, so each is filed by its start time, not by
 * when it arrives.
 */
export async function monitor(page) {
  await page.addInitScript(() => {
    const before = { task: 0, gap: 0 };
    window.__longest = { task: 0, gap: 0, start: before };
    let started = Infinity;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          const into = e.startTime >= started ? window.__longest : before;
          into.task = Math.max(into.task, e.duration);
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch { /* no long tasks API */ }
    let last = performance.now();
    const tick = (now) => {
      const into = last >= started ? window.__longest : before;
      into.gap = Math.max(into.gap, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // www/boot.js announces the started module: its exports hold the memory.
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__wasm = e.detail.wasm;
      started = performance.now();
    });
  });
}

/** Wasm memory in MB: the module's `WebAssembly.Memory` (announced by www/boot.js). */
export function wasmMemoryMb(page) {
  return page.evaluate(() => {
    const memory = window.__wasm?.memory;
    return memory?.buffer ? memory.buffer.byteLength / 1e6 : NaN;
  });
}

