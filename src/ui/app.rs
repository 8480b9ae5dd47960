//! The application shell and page layout.
//!
//! ```text
//!  ┌ header: Interleave — tagline ───────────────────────────────────────┐
//!  │ [error banner, hidden unless there is an error]                      │
//!  │ gallery: one card per example (scrolls sideways)                     │
//!  ├ editor ───────────────┬ timeline ────────────────────────────────────┤
//!  │ items, seed, overhead │ what to look for                             │
//!  │ live time scale       │ stats: makespan · speedup · latency · …      │
//!  │ resources             │ [Run live] [Stop] ▭▭▭  [Copy link]           │
//!  │ [Edit A | Edit B]     │ insights line: figure · sentence             │
//!  │ stages → steps        │ [A · title] chart (fixed-height box) + legend│
//!  │                       │ [B · title] chart B (comparing: same axis)   │
//!  │                       │ selected item's lineage                      │
//!  │                       │ live run: caps, status, live vs preview      │
//!  │                       │ Explain: Insights & blame · Ordering · Scrub │
//!  │                       │          · Sweep · Compare (tabs)            │
//!  ├ footer ───────────────┴──────────────────────────────────────────────┤
//!  └──────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! On a phone the two columns stack: the chart and its stats first, the
//! editor (collapsed at first) under them. A skip link jumps to the chart.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::link::Side;

use super::chart::TimelineChart;
use super::chart::defs::{ChartHelp, Legend};
use super::editor::Editor;
use super::error_banner::{ErrorBannerView, provide_error_banner};
use super::explain::sweep::SweepState;
use super::explain::{CompareLabel, ExplainPanel, InsightsLine, Lineage};
use super::exports::ExportMenu;
use super::gallery::{Gallery, LookFor};
use super::live::{LiveControls, LivePanel};
use super::state::{Playground, Tab, provide_playground, use_playground};
use super::stats::StatsPanel;
use super::testid;
use super::url::{CopyLink, current_href, open_link_view, sync_url};
use crate::opening::initial_from;

/// The product name, shown in the header (the page `<title>` is set in
/// `www/index.html` so it is there before the wasm loads).
pub const APP_NAME: &str = "Interleave";

/// The one-line description under the name.
pub const TAGLINE: &str = "See how single-threaded async pipelines interleave, reorder and block";

/// The root component: reads the scenario from the address, provides the
/// [`ErrorBanner`](super::ErrorBanner) and the [`Playground`] to everything
/// below, and keeps the address in step with the preview.
#[component]
pub fn App() -> impl IntoView {
    let banner = provide_error_banner();
    let initial = initial_from(&current_href());
    if let Some((message, detail)) = initial.error {
        banner.show_with_detail(message, detail);
    }
    let compared = initial.b.is_some();
    let playground = Playground::new(initial.raw, initial.preset, initial.b);
    if compared {
        playground.tab.set(Tab::Compare);
    }
    provide_playground(playground);
    provide_context(SweepState::new());
    // The view in the link (zoom, item, tab, playhead), fitted to the run
    // once its first preview is computed; the address follows from then.
    let view_opened = open_link_view(playground, banner);
    sync_url(playground, view_opened);
    let shortcuts = window_event_listener(leptos::ev::keydown, move |ev| {
        undo_shortcut(playground, &ev);
    });
    on_cleanup(move || shortcuts.remove());

    view! {
        <a class="skip-link" href="#timeline-heading" data-testid=testid::SKIP_LINK>
            "Skip to the chart"
        </a>
        <header class="app-header" data-testid=testid::HEADER>
            <h1 class="app-title">{APP_NAME}</h1>
            <p class="app-tagline">{TAGLINE}</p>
        </header>
        <main class="app-main">
            <ErrorBannerView />
            <Gallery />
            // On a phone the chart comes first (CSS order), the editor under it.
            <div class="workbench">
                <Editor />
                <Timeline />
            </div>
        </main>
        <Footer />
    }
}

/// The chart side: what to look for, stats, insights, run/share toolbar,
/// chart (two while comparing), lineage, live run, the Explain panel.
#[component]
fn Timeline() -> impl IntoView {
    let playground = use_playground();
    let has_live = move || playground.live.with(Option::is_some);
    view! {
        <section
            class="panel timeline"
            class:comparing=move || playground.comparing.get()
            data-testid=testid::TIMELINE
            aria-labelledby="timeline-heading"
        >
            <h2 id="timeline-heading" class="visually-hidden" tabindex="-1">
                "Timeline"
            </h2>
            <LookFor />
            <p class="chart-note stale" class:shown=move || playground.error.with(Option::is_some)>
                "Showing the last valid version: fix the field marked in the editor."
            </p>
            <StatsPanel />
            <InsightsLine />
            <div class="run-bar">
                <LiveControls />
                <div class="chart-source" role="group" aria-label="Which run the chart shows" hidden=move || !has_live()>
                    <button
                        type="button"
                        data-testid=testid::CHART_SOURCE
                        aria-pressed=move || (!playground.show_live.get()).to_string()
                        on:click=move |_| playground.show_live.set(false)
                    >
                        "Preview"
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || playground.show_live.get().to_string()
                        on:click=move |_| playground.show_live.set(true)
                    >
                        "Live run"
                    </button>
                </div>
                <CopyLink />
                <ExportMenu />
            </div>
            {side_chart(Side::A)}
            {move || playground.comparing.get().then(|| side_chart(Side::B))}
            <Legend />
            <ChartHelp />
            <Lineage />
            <LivePanel />
            <ExplainPanel />
        </section>
    }
}

/// Ctrl/Cmd+Z undoes the last edit of the side being edited, Shift+Ctrl/Cmd+Z
/// and Ctrl+Y redo it. In a text field the browser's own undo of the text
/// applies (its input events edit the scenario the same way); elsewhere
/// the browser's undo never runs.
fn undo_shortcut(playground: Playground, ev: &web_sys::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return;
    }
    let in_text = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.type_() == "text");
    if in_text {
        return;
    }
    let key = ev.key().to_lowercase();
    let side = untrack(|| playground.edited());
    match (key.as_str(), ev.shift_key()) {
        ("z", false) => side.undo(),
        ("z", true) | ("y", false) => side.redo(),
        _ => return,
    };
    // Also with nothing left to undo: the browser's own undo would replay
    // the text edits of a field no longer focused (a name typed before
    // became "BBee", an edit nobody made).
    ev.prevent_default();
}

/// One side's label and chart: a function, so that side A (always there)
/// and side B (while comparing) share one view type, hence one copy of the
/// chart's rendering code in the wasm.
fn side_chart(side: Side) -> impl IntoView {
    view! {
        <CompareLabel side=side />
        <TimelineChart side=side />
    }
}

/// The page footer, with a relative link to the README (copied next to
/// `index.html` by Trunk).
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="app-footer" data-testid=testid::FOOTER>
            <p>
                "How it works, the scenario and link formats and the command-line tool: see the "
                <a href="README.md">"README"</a> "."
            </p>
        </footer>
    }
}
