//! The playground's state: one edited scenario, everything else derived.
//!
//! ```text
//!  edit(|raw| …) ─► raw: RwSignal<RawScenario>
//!                    │
//!                    ▼
//!          checked: Memo<Result<Arc<Scenario>, ScenarioError>>   raw.validate()
//!                    │                         └──► error: Memo<Option<ScenarioError>>
//!                    ▼                                  (shown beside the field)
//!          preview: Memo<Arc<Preview>>   simulate (async + sync baseline);
//!                    │                   an invalid scenario keeps the previous one
//!                    ▼
//!          displayed: Memo<Arc<Preview>>  the preview, or the live run when shown
//! ```
//!
//! Only [`Playground::edit`] and [`Playground::load_preset`] write the
//! scenario; nothing is synchronized by effects (the URL effect only talks
//! to the outside).

use std::sync::Arc;

use leptos::prelude::*;

use crate::chart::{Preview, Viewport, live_scale};
use crate::presets::{self, Preset};
use crate::runtime::browser::LiveEnd;
use crate::scenario::{RawScenario, Scenario, ScenarioError};

use super::perf;

/// The preset shown when the URL names none.
pub const DEFAULT_PRESET: &str = "hello-workers";

/// A `Copy` handle on the playground's signals (provided as context).
#[derive(Clone, Copy)]
pub struct Playground {
    /// The scenario being edited (maybe invalid).
    pub raw: RwSignal<RawScenario>,
    /// The preset it came from, if any (the link names it while unchanged).
    pub preset: RwSignal<Option<&'static str>>,
    /// The edited scenario, checked.
    pub checked: Memo<Result<Arc<Scenario>, ScenarioError>>,
    /// The validation error, if any.
    pub error: Memo<Option<ScenarioError>>,
    /// The last valid scenario, simulated and laid out.
    pub preview: Memo<Arc<Preview>>,
    /// What the chart and the stats show: the preview, or the live run.
    pub displayed: Memo<Arc<Preview>>,
    /// The zoomed window; `None` shows the whole run.
    pub zoom: RwSignal<Option<Viewport>>,
    /// Live time scale chosen by the user (real ms per scenario ms); `None`: automatic.
    pub scale_choice: RwSignal<Option<f64>>,
    /// The live run: in progress or finished.
    pub live: RwSignal<Option<LiveState>>,
    /// Whether the chart shows the live run rather than the preview.
    pub show_live: RwSignal<bool>,
}

/// A live run, as the page shows it.
#[derive(Clone, Debug)]
pub struct LiveState {
    /// The scenario it runs (the preview's when it started).
    pub raw: RawScenario,
    /// Its trace so far, laid out (`None` until the first progress report).
    pub view: Option<Arc<Preview>>,
    /// Real ms per scenario ms.
    pub scale: f64,
    /// Scenario µs reached so far.
    pub reached: u64,
    /// The preview's makespan, µs (what a complete run should take).
    pub expected: u64,
    /// Set when the run is over.
    pub result: Option<LiveResult>,
}

/// The end of a live run.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveResult {
    /// How it ended.
    pub end: LiveEnd,
    /// Real duration, ms.
    pub real_ms: f64,
    /// Timer lateness median, real ms.
    pub lateness_p50_ms: f64,
    /// Timer lateness 99th percentile, real ms.
    pub lateness_p99_ms: f64,
    /// Timers measured.
    pub timers: usize,
    /// Blocking steps shortened to the cap.
    pub capped_blocks: u32,
}

impl Playground {
    /// Creates the state around `initial` (which should be valid; if it is
    /// not, the default preset backs the first preview).
    pub fn new(initial: RawScenario, preset: Option<&'static str>) -> Self {
        let raw = RwSignal::new(initial);
        let checked = Memo::new_with_compare(
            move |_| raw.with(|r| r.validate().map(Arc::new)),
            |old, new| match (old, new) {
                (Some(Err(a)), Some(Err(b))) => a != b,
                _ => true,
            },
        );
        let error = Memo::new(move |_| checked.with(|c| c.as_ref().err().cloned()));
        let preview = Memo::new_with_compare(
            move |previous: Option<&Arc<Preview>>| match checked.get() {
                Ok(scenario) => {
                    let start = perf::now();
                    let preview = Arc::new(Preview::simulate((*scenario).clone()));
                    perf::phase("simulate", start);
                    preview
                }
                Err(_) => previous.cloned().unwrap_or_else(fallback_preview),
            },
            |old, new| match (old, new) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            },
        );
        let live = RwSignal::new(None::<LiveState>);
        let show_live = RwSignal::new(false);
        let displayed = Memo::new_with_compare(
            move |_| {
                let live_view = show_live
                    .get()
                    .then(|| live.with(|l| l.as_ref().and_then(|l| l.view.clone())))
                    .flatten();
                live_view.unwrap_or_else(|| preview.get())
            },
            |old, new| match (old, new) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            },
        );
        Self {
            raw,
            preset: RwSignal::new(preset),
            checked,
            error,
            preview,
            displayed,
            zoom: RwSignal::new(None),
            scale_choice: RwSignal::new(None),
            live,
            show_live,
        }
    }

    /// Changes the scenario (marks the edit for the redraw measurement).
    pub fn edit(&self, change: impl FnOnce(&mut RawScenario)) {
        perf::mark_edit();
        self.raw.update(change);
    }

    /// Loads a preset: its scenario, the whole run in view, the automatic
    /// live scale, the preview in the chart.
    pub fn load_preset(&self, preset: &'static Preset) {
        let Ok(raw) = preset.raw() else {
            return;
        };
        perf::mark_edit();
        self.preset.set(Some(preset.id));
        self.zoom.set(None);
        self.scale_choice.set(None);
        self.show_live.set(false);
        self.raw.set(raw);
    }

    /// The live time scale in use: the user's choice, else one that plays
    /// the preview in a few seconds (tracked).
    pub fn scale(&self) -> f64 {
        self.scale_choice
            .get()
            .unwrap_or_else(|| live_scale(self.preview.with(|p| p.timeline.end)))
    }

    /// [`Self::scale`], untracked.
    pub fn scale_untracked(&self) -> f64 {
        untrack(|| self.scale())
    }

    /// Whether a live run is in progress (tracked).
    pub fn live_running(&self) -> bool {
        self.live
            .with(|l| l.as_ref().is_some_and(|l| l.result.is_none()))
    }
}

/// The default preset's preview: what the page shows when nothing else can be.
fn fallback_preview() -> Arc<Preview> {
    let scenario = presets::find(DEFAULT_PRESET)
        .and_then(|p| p.scenario().ok())
        .or_else(|| presets::PRESETS.iter().find_map(|p| p.scenario().ok()));
    match scenario {
        Some(scenario) => Arc::new(Preview::simulate(scenario)),
        // Unreachable with the built-in presets (a native test checks them
        // all); a one-letter pipeline keeps the page alive regardless.
        None => Arc::new(Preview::simulate(minimal_scenario())),
    }
}

fn minimal_scenario() -> Scenario {
    let json = r#"{"version":1,"items":{"text":"a"},"stages":[{"name":"A","workers":1}]}"#;
    match Scenario::from_json(json) {
        Ok(scenario) => scenario,
        Err(error) => panic!("the built-in minimal scenario is invalid: {error}"),
    }
}

/// Provides `playground` as context to the current component and below.
pub fn provide_playground(playground: Playground) {
    provide_context(playground);
}

/// The [`Playground`] provided by an ancestor ([`super::App`]).
///
/// # Panics
///
/// If no ancestor provided it (a programming error, not user input).
pub fn use_playground() -> Playground {
    expect_context::<Playground>()
}
