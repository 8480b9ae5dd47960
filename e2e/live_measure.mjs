// Live-run measurements (printed by e2e/live.test.mjs, never asserted: they
// depend on the machine): per preset, live ÷ preview makespan and timer
// lateness p50 / p99; Stop latency, from the click's own timestamp (the
// browser's `event.timeStamp`, taken when the input arrived, even while the
// main thread is busy) to the status saying "Stopped"; and the floor any
// page has on this machine (a spin with no app, see `measureFloor`).

/** A duration as the page prints it (`0.12 ms`, `2.743 s`), in ms. */
export function parseMs(text) {
  const m = /([\d.]+)\s*(µs|ms|s)\b/.exec(text ?? '');
  if (!m) return NaN;
  const value = Number(m[1]);
  return m[2] === 's' ? value * 1000 : m[2] === 'µs' ? value / 1000 : value;
}

/** Runs preset `id` live to its end: `{ id, preview, live, ratio, p50, p99 }`. */
export async function measurePreset(app, baseUrl, id) {
  await app.goto(`${baseUrl}?preset=${id}`);
  const preview = Number(await app.byTestId('stat-makespan').getAttribute('data-ms'));
  await app.byTestId('live-run').click();
  // Polled every 250 ms, not every frame (Playwright's waitFor polls on
  // animation frames): the harness's own work in the page would land on
  // the live run's timers and be measured as their lateness.
  await app.page.waitForFunction(
    () => document.querySelector('[data-testid="live-result"]') !== null,
    null,
    { timeout: 90_000, polling: 250 },
  );
  const live = Number(await app.byTestId('stat-makespan').getAttribute('data-ms'));
  const p50 = parseMs(await app.byTestId('live-lateness-p50').textContent());
  const p99 = parseMs(await app.byTestId('live-lateness-p99').textContent());
  return { id, preview, live, ratio: preview > 0 ? live / preview : NaN, p50, p99 };
}

/**
 * Opens `url`, runs it live, clicks Stop after `afterMs` and returns
 * `{ page, wall }`: ms from the click's input timestamp to the status saying
 * "Stopped" (in the page), and from asking Playwright to click to seeing it
 * (wall clock: also counts the wait for the page to take the click).
 */
export async function measureStop(app, url, afterMs) {
  await app.goto(url);
  await app.page.evaluate(() => {
    window.__stop = {};
    document.addEventListener('pointerdown', (e) => {
      if (e.target.closest?.('[data-testid="live-stop"]')) window.__stop.input = e.timeStamp;
    }, true);
    const status = document.querySelector('[data-testid="live-status"]');
    new MutationObserver(() => {
      if (window.__stop.shown === undefined && /Stopped/.test(status.textContent)) {
        window.__stop.shown = performance.now();
      }
    }).observe(status, { childList: true, subtree: true, characterData: true });
  });
  await app.byTestId('live-run').click();
  await app.page.waitForTimeout(afterMs);
  const t0 = Date.now();
  await app.byTestId('live-stop').click({ timeout: 60_000 });
  await app.page.waitForFunction(() => window.__stop.shown !== undefined, null, { timeout: 90_000, polling: 10 });
  const wall = Date.now() - t0;
  const page = await app.page.evaluate(() => window.__stop.shown - window.__stop.input);
  return { page, wall };
}

/**
 * The machine's floor for timer lateness: a page with no app (the README,
 * served as text), with no other page open, spins the way the live driver
 * does before a deadline, 3 ms at a time, every `everyMs`, for `seconds`,
 * and counts the spins in which two clock reads were more than 1 and 2 ms
 * apart (the main thread not scheduled). A live run's timer can be no more
 * punctual than this. Returns `{ spins, over1, over2, worst }`.
 */
export async function measureFloor(browser, baseUrl, seconds, everyMs = 20) {
  // A context of its own: a page of the app's origin in the app's context
  // could share its renderer, and so its main thread.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}README.md`);
  const floor = await page.evaluate(([seconds, everyMs]) => new Promise((resolve) => {
    const start = performance.now();
    const r = { spins: 0, over1: 0, over2: 0, worst: 0 };
    const spin = () => {
      const from = performance.now();
      let last = from;
      let gap = 0;
      while (last - from < 3) {
        const now = performance.now();
        gap = Math.max(gap, now - last);
        last = now;
      }
      r.spins += 1;
      r.over1 += gap > 1 ? 1 : 0;
      r.over2 += gap > 2 ? 1 : 0;
      r.worst = Math.max(r.worst, gap);
      if (last - start < seconds * 1000) setTimeout(spin, everyMs);
      else resolve(r);
    };
    spin();
  }), [seconds, everyMs]);
  await context.close();
  return floor;
}

/** Prints the machine's floor measured by {@link measureFloor}. */
export function printFloor({ spins, over1, over2, worst }) {
  const pct = (n) => `${((100 * n) / spins).toFixed(2)} %`;
  console.log(`# Floor (a page with no app spinning 3 ms at a time): ${spins} spins, `
    + `${over1} (${pct(over1)}) saw a gap over 1 ms, ${over2} (${pct(over2)}) over 2 ms, the longest ${worst.toFixed(2)} ms`);
}

/** Prints the per-preset rows and the Stop latencies as a markdown table. */
export function printLiveTable(rows, stops) {
  const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  console.log('# | preset | preview makespan | live ÷ preview | lateness p50 | lateness p99 |');
  console.log('# |---|---|---|---|---|');
  for (const r of rows) {
    console.log(`# | ${r.id} | ${f(r.preview / 1000, 3)} s | ${f(r.ratio, 4)} | ${f(r.p50)} ms | ${f(r.p99)} ms |`);
  }
  for (const [name, ms] of stops) {
    console.log(`# Stop latency, ${name}: ${f(ms.page, 1)} ms from the click's input event, ${f(ms.wall, 0)} ms wall clock`);
  }
}
