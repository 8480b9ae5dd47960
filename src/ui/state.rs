//! The playground's state: one edited scenario per side, everything else derived.
//!
//! ```text
//!  set_field / apply / edit / undo ─► editor: RwSignal<Editor>      (draft + undo history)
//!                    │
//!                    ▼
//!          raw: Memo<RawScenario>, preset: Memo<Option<id>>          (side A; side B alike:
//!                    │                                               SideState, read only
//!                    ▼                                               while comparing)
//!          checked: Memo<Result<Arc<Scenario>, ScenarioError>>   raw.validate()
//!                    │                         └──► error: Memo<Option<ScenarioError>>
//!                    ▼                                  (shown beside the field)
//!          preview: Memo<Arc<Preview>>   simulate (async + sync baseline) in slices
//!                    │                   between frames (computing.rs); an invalid
//!                    │                   scenario keeps the previous one
//!                    ▼
//!          displayed: Memo<Arc<Preview>>  the preview, or the live run when shown
//!
//!  view state: comparing, editing (A | B), tab, playhead, focus (a blamed
//!  span), selected (an item's lineage): plain signals the views write
//! ```
//!
//! Only the editing methods ([`Playground::set_field`],
//! [`Playground::apply`], [`Playground::edit`], [`Playground::undo`], …),
//! [`Playground::load_preset`] and the comparison methods write the
//! scenarios, through the pure [`Editor`]; nothing is synchronized by
//! effects (the URL effect only talks to the outside). The editor edits
//! whichever side is being edited ([`Playground::edited`]).

use std::sync::Arc;

use leptos::prelude::*;

use crate::chart::Viewport;
use crate::edit::{Action, Editor, Field};
use crate::engine::{Outcome, Stopped};
use crate::link::Side;
use crate::presets::{self, Preset};
use crate::preview::{Preview, live_scale};
use crate::scenario::{RawScenario, Scenario, ScenarioError};
use crate::time::Micros;
use crate::trace::{ItemId, TaskId};

use super::computing::{Computing, sliced_preview};
use super::perf;

pub use crate::opening::DEFAULT_PRESET;

/// A `Copy` handle on the playground's signals (provided as context).
#[derive(Clone, Copy)]
pub struct Playground {
    /// The scenario being edited and its undo history.
    pub editor: RwSignal<Editor>,
    /// The scenario being edited (maybe invalid).
    pub raw: Memo<RawScenario>,
    /// The preset it came from, if any (the link names it while unchanged).
    pub preset: Memo<Option<&'static str>>,
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
    /// Side A's preview being computed, if one takes more than a slice.
    pub computing: RwSignal<Option<Computing>>,
    /// Scenario µs a live run in progress has reached, updated every frame
    /// (the chart's "now" line); `None` when no run is in progress.
    pub live_now: RwSignal<Option<Micros>>,
    /// Side B of a comparison (its memos only run while someone reads them).
    pub b: SideState,
    /// Whether side B is shown (and in the link).
    pub comparing: RwSignal<bool>,
    /// Which side the editor edits.
    pub editing: RwSignal<Side>,
    /// The Explain panel's open tab.
    pub tab: RwSignal<Tab>,
    /// The scrubber's playhead, µs (`None`: not placed yet).
    pub playhead: RwSignal<Option<Micros>>,
    /// A span outlined on the chart (a blamed block).
    pub focus: RwSignal<Option<Focus>>,
    /// The item whose lineage is shown (clicked in the output strip).
    pub selected: RwSignal<Option<ItemId>>,
}

/// One scenario being edited and what derives from it.
#[derive(Clone, Copy)]
pub struct SideState {
    /// The scenario being edited and its undo history.
    pub editor: RwSignal<Editor>,
    /// The scenario being edited (maybe invalid).
    pub raw: Memo<RawScenario>,
    /// The preset it came from, if any.
    pub preset: Memo<Option<&'static str>>,
    /// The edited scenario, checked.
    pub checked: Memo<Result<Arc<Scenario>, ScenarioError>>,
    /// The validation error, if any.
    pub error: Memo<Option<ScenarioError>>,
    /// The last valid scenario, simulated and laid out.
    pub preview: Memo<Arc<Preview>>,
    /// The preview being computed, if one takes more than a slice.
    pub computing: RwSignal<Option<Computing>>,
}

/// The Explain panel's tabs: the ones the link names (`v_tab=`).
pub use crate::view::TabId as Tab;

/// A span to outline on the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    /// Its task.
    pub task: TaskId,
    /// Start, µs.
    pub start: Micros,
    /// End, µs.
    pub end: Micros,
}

/// Memos of `Arc`s compare by pointer: a new value is a change (no deep
/// comparison of runs).
fn new_arc<T>(old: Option<&Arc<T>>, new: Option<&Arc<T>>) -> bool {
    match (old, new) {
        (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
        _ => true,
    }
}

impl SideState {
    /// The state around `initial` (which should be valid; if it is not,
    /// the default preset backs the first preview).
    pub fn new(initial: RawScenario, preset: Option<&'static str>, active: Signal<bool>) -> Self {
        let editor = RwSignal::new(Editor::with_origin(initial, preset));
        let raw = Memo::new(move |_| editor.with(|e| e.raw().clone()));
        let preset = Memo::new(move |_| editor.with(|e| e.draft().origin()));
        let checked = Memo::new_with_compare(
            move |_| raw.with(|r| r.validate().map(Arc::new)),
            |old, new| match (old, new) {
                (Some(Err(a)), Some(Err(b))) => a != b,
                _ => true,
            },
        );
        let error = Memo::new(move |_| checked.with(|c| c.as_ref().err().cloned()));
        let (latest, computing) = sliced_preview(checked, active, fallback_preview);
        let preview = Memo::new_with_compare(move |_| latest.get(), new_arc);
        Self {
            editor,
            raw,
            preset,
            checked,
            error,
            preview,
            computing,
        }
    }
}

/// A live run, as the page shows it.
#[derive(Clone, Debug)]
pub struct LiveState {
    /// The scenario it runs (the preview's when it started).
    pub raw: RawScenario,
    /// Its trace so far, laid out (`None` until the first progress report).
    pub view: Option<Arc<Preview>>,
    /// Real ms per scenario ms it started at.
    pub base_scale: f64,
    /// Real ms per scenario ms now.
    pub scale: f64,
    /// Scenario µs reached at the last report.
    pub reached: u64,
    /// Real ms the run took at the last report (pauses excluded).
    pub real_ms: f64,
    /// The run's clock at the last report ([`LiveControl::run_clock`]: to
    /// move "now" between reports).
    ///
    /// [`LiveControl::run_clock`]: crate::driver::live::LiveControl::run_clock
    pub reported_at: f64,
    /// Whether the run is paused.
    pub paused: bool,
    /// Whether the trace grew too large to lay out while running (the
    /// chart is drawn at the end).
    pub undrawn: bool,
    /// The preview's makespan, µs (what a complete run should take).
    pub expected: u64,
    /// Set when the run is over while its figures are worked out (in
    /// slices, as a preview is): the status line meanwhile.
    pub finishing: Option<String>,
    /// Set when the run is over and its figures are known.
    pub result: Option<LiveResult>,
}

impl LiveState {
    /// Scenario µs when the run's clock reads `at`: the last report moved
    /// on at the run's scale (it stays put while paused).
    pub fn now_at(&self, at: f64) -> Micros {
        if self.paused {
            return self.reached;
        }
        let since = (at - self.reported_at).max(0.0);
        self.reached + (since / self.scale * 1000.0) as Micros
    }

    /// Takes "now" as the last report before a change of pace (pause,
    /// resume, speed), so the line moves on from where it is.
    pub fn rebase(&mut self, at: f64) {
        self.reached = self.now_at(at);
        self.reported_at = at;
    }
}

/// The end of a live run.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveResult {
    /// How it ended.
    pub outcome: Outcome,
    /// What stopped it early, if something did.
    pub stopped: Option<Stopped>,
    /// Real duration played, ms.
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
    /// not, the default preset backs the first preview). Side B starts as
    /// `b` (a link's side B: shown; nothing to undo), or else as a copy of
    /// `initial`, not shown.
    pub fn new(
        initial: RawScenario,
        preset: Option<&'static str>,
        b: Option<(RawScenario, Option<&'static str>)>,
    ) -> Self {
        // Side B computes only while it is shown.
        let comparing = RwSignal::new(b.is_some());
        let (b_raw, b_preset) = b.unwrap_or_else(|| (initial.clone(), preset));
        let b = SideState::new(b_raw, b_preset, comparing.into());
        let SideState {
            editor,
            raw,
            preset,
            checked,
            error,
            preview,
            computing,
        } = SideState::new(initial, preset, Signal::stored(true));
        let live = RwSignal::new(None::<LiveState>);
        let show_live = RwSignal::new(false);
        let live_now = RwSignal::new(None);
        let displayed = Memo::new_with_compare(
            move |_| {
                let live_view = show_live
                    .get()
                    .then(|| live.with(|l| l.as_ref().and_then(|l| l.view.clone())))
                    .flatten();
                live_view.unwrap_or_else(|| preview.get())
            },
            new_arc,
        );
        Self {
            editor,
            raw,
            preset,
            checked,
            error,
            preview,
            displayed,
            computing,
            zoom: RwSignal::new(None),
            scale_choice: RwSignal::new(None),
            live,
            show_live,
            live_now,
            b,
            comparing,
            editing: RwSignal::new(Side::A),
            tab: RwSignal::new(Tab::Insights),
            playhead: RwSignal::new(None),
            focus: RwSignal::new(None),
            selected: RwSignal::new(None),
        }
    }

    /// The playground as seen by an editor of `side`: for B, the scenario
    /// signals and previews are side B's (everything else is shared).
    pub fn side(self, side: Side) -> Self {
        match side {
            Side::A => self,
            Side::B => Self {
                editor: self.b.editor,
                raw: self.b.raw,
                preset: self.b.preset,
                checked: self.b.checked,
                error: self.b.error,
                preview: self.b.preview,
                displayed: self.b.preview,
                computing: self.b.computing,
                ..self
            },
        }
    }

    /// The playground as the editor sees it: [`Self::side`] of the side
    /// being edited (tracked).
    pub fn edited(self) -> Self {
        self.side(self.editing.get())
    }

    /// Side A's state.
    pub fn a(&self) -> SideState {
        SideState {
            editor: self.editor,
            raw: self.raw,
            preset: self.preset,
            checked: self.checked,
            error: self.error,
            preview: self.preview,
            computing: self.computing,
        }
    }

    /// Shows `raw` as side B beside side A (its preset id, if it is one).
    pub fn compare_with(&self, raw: RawScenario, preset: Option<&'static str>) {
        perf::mark_edit();
        self.b.editor.update(|e| e.replace(raw, preset));
        self.comparing.set(true);
        self.zoom.set(None);
    }

    /// Ends the comparison: side A alone, edited.
    pub fn end_compare(&self) {
        self.comparing.set(false);
        self.editing.set(Side::A);
    }

    /// Changes the scenario (marks the edit for the redraw measurement).
    pub fn edit(&self, change: impl FnOnce(&mut RawScenario)) {
        perf::mark_edit();
        self.editor.update(|e| e.edit(change));
    }

    /// Sets a field from the text typed; text that is not a value yet
    /// gives its message and changes nothing.
    pub fn set_field(&self, field: Field, text: &str) -> Result<(), String> {
        let mut result = Ok(());
        self.editor.update(|e| result = e.set(field, text));
        if result.is_ok() {
            perf::mark_edit();
        }
        result
    }

    /// Applies an editor button's action.
    pub fn apply(&self, action: Action) {
        perf::mark_edit();
        let random = js_sys::Math::random();
        self.editor.update(|e| e.apply(action, random));
    }

    /// Replaces the scenario (a sweep point, a copy of the other side).
    pub fn replace(&self, raw: RawScenario, preset: Option<&'static str>) {
        perf::mark_edit();
        self.editor.update(|e| e.replace(raw, preset));
    }

    /// Undoes the last edit of this side; `false` if there was none.
    pub fn undo(&self) -> bool {
        perf::mark_edit();
        let mut done = false;
        self.editor.update(|e| done = e.undo());
        done
    }

    /// Redoes the last undone edit of this side; `false` if there was none.
    pub fn redo(&self) -> bool {
        perf::mark_edit();
        let mut done = false;
        self.editor.update(|e| done = e.redo());
        done
    }

    /// Loads a preset: its scenario, the whole run in view, the automatic
    /// live scale, the preview in the chart.
    pub fn load_preset(&self, preset: &'static Preset) {
        let Ok(raw) = preset.raw() else {
            return;
        };
        perf::mark_edit();
        self.zoom.set(None);
        self.scale_choice.set(None);
        self.show_live.set(false);
        self.selected.set(None);
        self.focus.set(None);
        self.end_compare();
        self.editor.update(|e| e.replace(raw, Some(preset.id)));
    }

    /// Loads a preset as side A and its partner (or `b`) as side B.
    pub fn load_pair(&self, a: &'static Preset, b: &'static Preset) {
        self.load_preset(a);
        if let Ok(raw) = b.raw() {
            self.compare_with(raw, Some(b.id));
            self.tab.set(Tab::Compare);
        }
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

    /// Whether a live run is playing: in progress, and not over with its
    /// figures being worked out (tracked).
    pub fn live_playing(&self) -> bool {
        self.live.with(|l| {
            l.as_ref()
                .is_some_and(|l| l.result.is_none() && l.finishing.is_none())
        })
    }

    /// Whether the chart and stats show a live run still in progress: its
    /// figures are "so far" (tracked).
    pub fn showing_live_progress(&self) -> bool {
        self.show_live.get() && self.live_running()
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
    let raw = RawScenario {
        version: crate::scenario::FORMAT_VERSION,
        seed: 0,
        items: crate::scenario::RawItems::Text("a".into()),
        loop_overhead_us: 0,
        resources: Vec::new(),
        stages: vec![crate::scenario::RawStage {
            name: "A".into(),
            workers: 1,
            ..Default::default()
        }],
    };
    match raw.validate() {
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
