//! `data-testid` values, shared by the components and the tests (browser
//! and end-to-end). Tests select by these, never by classes or structure.

/// The page header (name and tagline).
pub const HEADER: &str = "app-header";
/// The region with the chart, its toolbar and the stats.
pub const TIMELINE: &str = "timeline";
/// The error banner (`role="alert"`, hidden when there is no error).
pub const ERROR_BANNER: &str = "error-banner";
/// The message paragraph inside the error banner.
pub const ERROR_MESSAGE: &str = "error-message";
/// The button that dismisses the error banner.
pub const ERROR_DISMISS: &str = "error-dismiss";
/// The page footer.
pub const FOOTER: &str = "app-footer";

/// The preset gallery.
pub const GALLERY: &str = "gallery";
/// One preset's card (a button; `data-preset` holds its id).
pub const PRESET_CARD: &str = "preset-card";
/// "What to look for" of the preset shown.
pub const LOOK_FOR: &str = "look-for";

/// The scenario editor.
pub const EDITOR: &str = "editor";
/// Items as text or as a count (select).
pub const ITEMS_MODE: &str = "items-mode";
/// The items text input.
pub const ITEMS_TEXT: &str = "items-text";
/// The items count input.
pub const ITEMS_COUNT: &str = "items-count";
/// The seed input.
pub const SEED: &str = "seed";
/// The button that draws a new seed.
pub const SEED_REROLL: &str = "seed-reroll";
/// The loop overhead input (µs).
pub const LOOP_OVERHEAD: &str = "loop-overhead";
/// The live time scale select.
pub const TIME_SCALE: &str = "time-scale";
/// One stage's fieldset (`data-stage` holds its index).
pub const STAGE: &str = "stage";
/// A stage's name input.
pub const STAGE_NAME: &str = "stage-name";
/// A stage's worker count (number input).
pub const STAGE_WORKERS: &str = "stage-workers";
/// A stage's worker count (range slider).
pub const STAGE_WORKERS_RANGE: &str = "stage-workers-range";
/// A stage's input queue capacity.
pub const STAGE_CAPACITY: &str = "stage-capacity";
/// A stage's "keep input order" checkbox.
pub const STAGE_ORDERED: &str = "stage-ordered";
/// Moves a stage up.
pub const STAGE_UP: &str = "stage-up";
/// Moves a stage down.
pub const STAGE_DOWN: &str = "stage-down";
/// Removes a stage.
pub const STAGE_REMOVE: &str = "stage-remove";
/// Adds a stage at the end.
pub const STAGE_ADD: &str = "stage-add";
/// One step row (`data-step` holds its index).
pub const STEP: &str = "step";
/// A stage's "Steps per item (n)" disclosure (`aria-expanded`).
pub const STEPS_TOGGLE: &str = "steps-toggle";
/// A step's kind select.
pub const STEP_KIND: &str = "step-kind";
/// A step's duration law select.
pub const STEP_LAW: &str = "step-law";
/// A step's first duration parameter (ms).
pub const STEP_PARAM_A: &str = "step-param-a";
/// A step's second duration parameter.
pub const STEP_PARAM_B: &str = "step-param-b";
/// Moves a step up.
pub const STEP_UP: &str = "step-up";
/// Moves a step down.
pub const STEP_DOWN: &str = "step-down";
/// Removes a step.
pub const STEP_REMOVE: &str = "step-remove";
/// Adds a step to a stage.
pub const STEP_ADD: &str = "step-add";
/// One resource row.
pub const RESOURCE: &str = "resource";
/// A resource's name input.
pub const RESOURCE_NAME: &str = "resource-name";
/// A resource's kind select.
pub const RESOURCE_KIND: &str = "resource-kind";
/// A semaphore's permits input.
pub const RESOURCE_PERMITS: &str = "resource-permits";
/// Removes a resource.
pub const RESOURCE_REMOVE: &str = "resource-remove";
/// A step's semaphore or lock select.
pub const STEP_RESOURCE: &str = "step-resource";
/// A counter step's counter name.
pub const STEP_COUNTER: &str = "step-counter";
/// An add step's amount.
pub const STEP_AMOUNT: &str = "step-amount";
/// A step's per-item durations.
pub const STEP_PER_ITEM: &str = "step-per-item";
/// Undoes the last edit.
pub const UNDO: &str = "undo";
/// Redoes the last undone edit.
pub const REDO: &str = "redo";
/// The "skip to the chart" link, first in the page.
pub const SKIP_LINK: &str = "skip-link";
/// The page's help: how to read the chart, keyboard shortcuts.
pub const HELP: &str = "help";
/// One state's explanation in the legend.
pub const LEGEND_ITEM: &str = "legend-item";
/// The technical detail of a banner message.
pub const ERROR_DETAIL: &str = "error-detail";
/// Announces what an edit did (a removed stage, an undo) to screen readers.
pub const EDIT_STATUS: &str = "edit-status";
/// Adds a semaphore.
pub const RESOURCE_ADD_SEMAPHORE: &str = "resource-add-semaphore";
/// Adds a lock.
pub const RESOURCE_ADD_LOCK: &str = "resource-add-lock";
/// A validation message beside a field (`data-field` holds the field path).
pub const FIELD_ERROR: &str = "field-error";
/// "The preview shows the last valid scenario" notice.
pub const STALE_NOTICE: &str = "stale-notice";

/// The stats panel.
pub const STATS: &str = "stats";
/// Makespan (`data-ms` holds the exact value in ms).
pub const STAT_MAKESPAN: &str = "stat-makespan";
/// Throughput.
pub const STAT_THROUGHPUT: &str = "stat-throughput";
/// Latency median.
pub const STAT_P50: &str = "stat-latency-p50";
/// Latency 95th percentile.
pub const STAT_P95: &str = "stat-latency-p95";
/// Loop blocked time.
pub const STAT_BLOCKED: &str = "stat-blocked";
/// Ready time.
pub const STAT_READY: &str = "stat-ready";
/// Speedup over the synchronous baseline.
pub const STAT_SPEEDUP: &str = "stat-speedup";
/// Inversions in the output.
pub const STAT_INVERSIONS: &str = "stat-inversions";
/// The output order as text.
pub const STAT_OUTPUT: &str = "stat-output";
/// A run that did not complete (deadlock, event limit).
pub const OUTCOME_WARNING: &str = "outcome-warning";

/// The chart's `<svg>` (`data-task-lanes`, `data-spans`, `data-drawn`).
pub const CHART: &str = "chart";
/// Side B's chart, in a comparison.
pub const CHART_B: &str = "chart-b";
/// The chart's text alternative (visually hidden): lanes, makespan, output order.
pub const CHART_SUMMARY: &str = "chart-summary";
/// Progress of a preview that takes longer than 300 ms.
pub const PREVIEW_PROGRESS: &str = "preview-progress";
/// The output strip (`data-output` holds the order as text,
/// `data-inversions` the inversion count).
pub const OUTPUT_STRIP: &str = "output-strip";
/// The hover tooltip.
pub const TOOLTIP: &str = "chart-tooltip";
/// The state legend.
pub const LEGEND: &str = "legend";
/// Zoom in.
pub const ZOOM_IN: &str = "zoom-in";
/// Zoom out.
pub const ZOOM_OUT: &str = "zoom-out";
/// Pan left.
pub const PAN_LEFT: &str = "pan-left";
/// Pan right.
pub const PAN_RIGHT: &str = "pan-right";
/// Show the whole run.
pub const ZOOM_RESET: &str = "zoom-reset";
/// Which run the chart shows (preview or live).
pub const CHART_SOURCE: &str = "chart-source";

/// Starts a live run.
pub const LIVE_RUN: &str = "live-run";
/// Stops the live run.
pub const LIVE_STOP: &str = "live-stop";
/// The live run's progress bar.
pub const LIVE_PROGRESS: &str = "live-progress";
/// The live run's status line.
pub const LIVE_STATUS: &str = "live-status";
/// The live vs preview comparison.
pub const LIVE_RESULT: &str = "live-result";
/// Live makespan.
pub const LIVE_MAKESPAN: &str = "live-makespan";
/// Timer lateness median (ms).
pub const LIVE_LATENESS_P50: &str = "live-lateness-p50";
/// Timer lateness p99 (ms).
pub const LIVE_LATENESS_P99: &str = "live-lateness-p99";
/// Pauses or resumes the live run (`aria-pressed` while paused).
pub const LIVE_PAUSE: &str = "live-pause";
/// Runs one loop iteration of a paused live run.
pub const LIVE_STEP: &str = "live-step";
/// The live run's speed select (multiples of the scale it started at).
pub const LIVE_SPEED: &str = "live-speed";
/// The chart's "now" line during a live run (`data-us`: scenario µs).
pub const LIVE_NOW: &str = "live-now";
/// The warning before a live run that would pass the caps.
pub const CAP_WARNING: &str = "cap-warning";
/// Uses the time scale the cap warning suggests.
pub const CAP_FIX: &str = "cap-fix";

/// The replay's Play / Pause button (`aria-pressed` while playing).
pub const REPLAY_PLAY: &str = "replay-play";
/// One loop iteration back.
pub const REPLAY_BACK: &str = "replay-back";
/// One loop iteration forward.
pub const REPLAY_FORWARD: &str = "replay-forward";
/// The replay's speed select.
pub const REPLAY_SPEED: &str = "replay-speed";
/// Where the replay is (`data-position`: iteration, `data-us`: time).
pub const REPLAY_POSITION: &str = "replay-position";
/// The drawn event loop (`data-state`: the loop's state, for tests).
pub const REPLAY_LOOP: &str = "replay-loop";

/// Copies the link.
pub const COPY_LINK: &str = "copy-link";
/// "Copied" confirmation.
pub const COPY_STATUS: &str = "copy-status";
/// Read-only field with the link, when the clipboard refused it.
pub const LINK_FIELD: &str = "link-field";

/// The insights line under the stats (`<li data-topic=…>` per sentence).
pub const INSIGHTS: &str = "insights";
/// The Explain panel.
pub const EXPLAIN: &str = "explain";
/// A tab of the Explain panel (`data-tab` holds its id).
pub const EXPLAIN_TAB: &str = "explain-tab";
/// A tab's panel (`data-tab` holds its id).
pub const EXPLAIN_PANEL: &str = "explain-panel";
/// The blocking blame list.
pub const BLAME_LIST: &str = "blame-list";
/// One blame entry (a button; `data-index` is its rank from 0).
pub const BLAME_ENTRY: &str = "blame-entry";
/// The lower bound and what sets it.
pub const BOUND: &str = "bound";
/// The selected item's lineage under the chart.
pub const LINEAGE: &str = "lineage";
/// Closes the item's lineage (unselects the item).
pub const LINEAGE_CLOSE: &str = "lineage-close";
/// One stage of the ordering view (`data-stage`, `data-inversions`).
pub const STAGE_ORDER: &str = "stage-order";
/// The ordering view's "hand items on in input order" checkbox.
pub const ORDER_ORDERED: &str = "order-ordered";
/// The ordering view's latency line.
pub const ORDER_LATENCY: &str = "order-latency";

/// The scrubber's slider (µs).
pub const SCRUB_RANGE: &str = "scrub-range";
/// Playhead to the start.
pub const SCRUB_START: &str = "scrub-start";
/// Playhead to the previous event.
pub const SCRUB_PREVIOUS: &str = "scrub-previous";
/// Playhead to the next event.
pub const SCRUB_NEXT: &str = "scrub-next";
/// Playhead to the end.
pub const SCRUB_END: &str = "scrub-end";
/// Where the playhead is (`data-us` holds it in µs).
pub const SCRUB_TIME: &str = "scrub-time";
/// The loop's state at the playhead (`<dd data-key=running|ready|timers|queue-N|holders-N|waiters-N>`).
pub const SCRUB_STATE: &str = "scrub-state";

/// The sweep's parameter select.
pub const SWEEP_PARAMETER: &str = "sweep-parameter";
/// The sweep's values input.
pub const SWEEP_VALUES: &str = "sweep-values";
/// The sweep's metric select.
pub const SWEEP_METRIC: &str = "sweep-metric";
/// Runs the sweep.
pub const SWEEP_RUN: &str = "sweep-run";
/// The sweep's progress bar.
pub const SWEEP_PROGRESS: &str = "sweep-progress";
/// The sweep's plot and table.
pub const SWEEP_RESULTS: &str = "sweep-results";
/// The sweep plot.
pub const SWEEP_PLOT: &str = "sweep-plot";
/// One point of the sweep plot (`data-index`, `data-value`).
pub const SWEEP_POINT: &str = "sweep-point";
/// The sweep table.
pub const SWEEP_TABLE: &str = "sweep-table";
/// How long the sweep took.
pub const SWEEP_TIMING: &str = "sweep-timing";

/// "A · title" / "B · title" above a chart while comparing (`data-side`).
pub const SIDE_LABEL: &str = "side-label";
/// Edit side A or B (`data-side`).
pub const EDIT_SIDE: &str = "edit-side";
/// Duplicates side A into B.
pub const COMPARE_DUPLICATE: &str = "compare-duplicate";
/// Puts A's synchronous baseline as B.
pub const COMPARE_SYNC: &str = "compare-sync";
/// Compares with the preset's partner.
pub const COMPARE_PARTNER: &str = "compare-partner";
/// Ends the comparison.
pub const COMPARE_END: &str = "compare-end";
/// The difference table (`<tr data-row=makespan|…>`).
pub const COMPARE_TABLE: &str = "compare-table";
/// A gallery card's "compare with …" link (`data-pair`: the card's preset, side A).
pub const PAIR_LINK: &str = "pair-link";

/// The Python tab's program text.
pub const PYTHON_PROGRAM: &str = "python-program";
/// Copies the Python program.
pub const PYTHON_COPY: &str = "python-copy";
/// Downloads the Python program.
pub const PYTHON_DOWNLOAD: &str = "python-download";
/// Exports the synchronous baseline instead.
pub const PYTHON_SYNC: &str = "python-sync";

/// The Export menu.
pub const EXPORT_MENU: &str = "export-menu";
/// Downloads the trace (Perfetto JSON).
pub const EXPORT_TRACE: &str = "export-trace";
/// Opens the trace in the Perfetto UI.
pub const EXPORT_PERFETTO: &str = "export-perfetto";
/// Downloads the timeline as SVG.
pub const EXPORT_SVG: &str = "export-svg";
/// Downloads the timeline as PNG.
pub const EXPORT_PNG: &str = "export-png";
/// Downloads the items as CSV.
pub const EXPORT_CSV: &str = "export-csv";
/// Downloads the report as JSON.
pub const EXPORT_REPORT: &str = "export-report";
/// What the last export did.
pub const EXPORT_STATUS: &str = "export-status";
/// Downloads the sweep plot as SVG.
pub const SWEEP_SVG: &str = "sweep-svg";
/// Downloads the sweep plot as PNG.
pub const SWEEP_PNG: &str = "sweep-png";
