//! The preview, computed in slices between frames: heavy scenarios never
//! hold the main thread for long, a newer edit cancels older work, and the
//! last valid preview stays shown meanwhile.
//!
//! ```text
//!  checked (Ok) ──► PreviewJob::new ──► slice: step(CHUNK) … until SLICE_MS ──► done? ──► latest
//!                        ▲                   │ not done                                    │
//!                        │                   ▼                                             ▼
//!  a newer edit: generation + 1    next_task().await (the page paints)        preview: Memo
//!  (the older job stops at its     progress ──► Computing (shown after PROGRESS_MS)
//!   next slice and is dropped)
//! ```
//!
//! A small scenario finishes within its first slice, synchronously, as
//! before; only big ones go on between frames, one at a time (side A's,
//! then side B's: one run at the caps in memory at once). Side B computes
//! only while it is shown.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::perf;
use crate::driver::live::next_task;
use crate::preview::Preview;
use crate::preview::{JobProgress, PreviewJob};
use crate::scenario::{Scenario, ScenarioError};

/// Computing this long at most before yielding to the page, ms.
const SLICE_MS: f64 = 12.0;
/// Callbacks (and blocking steps and items) between two looks at the clock: a
/// callback that never awaits is cut between its blocks and its items, so
/// a few dozen stay well under a millisecond.
const CHUNK: usize = 64;
/// Work that takes longer than this shows its progress, ms.
pub const PROGRESS_MS: f64 = 300.0;

/// A preview being computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Computing {
    /// When it started (`performance.now()`, ms).
    pub since: f64,
    /// How far it got.
    pub progress: JobProgress,
}

/// The preview of `checked`'s last valid scenario, computed in slices
/// while `active`; `fallback` backs it when the first scenario is invalid.
/// Returns the preview and what is being computed.
pub fn sliced_preview(
    checked: Memo<Result<Arc<Scenario>, ScenarioError>>,
    active: Signal<bool>,
    fallback: fn() -> Arc<Preview>,
) -> (RwSignal<Arc<Preview>>, RwSignal<Option<Computing>>) {
    let computing = RwSignal::new(None::<Computing>);
    let generation = StoredValue::new(0_u64);
    let started = StoredValue::new(None::<Arc<Scenario>>);
    let first = checked.with_untracked(|c| c.as_ref().ok().cloned());
    let latest = RwSignal::new(match &first {
        Some(scenario) => Arc::new(Preview::pending((**scenario).clone())),
        None => fallback(),
    });
    let start = move |scenario: Arc<Scenario>| {
        if started.with_value(|s| s.as_ref().is_some_and(|s| Arc::ptr_eq(s, &scenario))) {
            return;
        }
        started.set_value(Some(Arc::clone(&scenario)));
        generation.update_value(|g| *g += 1);
        let id = generation.get_value();
        let began = perf::now();
        let mut job = PreviewJob::new((*scenario).clone());
        // The first slice now: a small scenario is done at once.
        if let Some(preview) = slice(&mut job) {
            perf::phase("simulate", began);
            latest.set(Arc::new(preview));
            computing.set(None);
            return;
        }
        computing.set(Some(Computing {
            since: began,
            progress: job.progress(),
        }));
        spawn_local(async move {
            let turn = Turn::take();
            loop {
                next_task().await;
                if generation.try_get_value() != Some(id) {
                    return; // a newer edit took over
                }
                if !turn.is_mine() {
                    continue; // the other side's preview first
                }
                if let Some(preview) = slice(&mut job) {
                    perf::phase("simulate", began);
                    latest.try_set(Arc::new(preview));
                    computing.try_set(None);
                    return;
                }
                computing.try_set(Some(Computing {
                    since: began,
                    progress: job.progress(),
                }));
            }
        });
    };
    if let Some(scenario) = first.filter(|_| active.get_untracked()) {
        start(scenario);
    }
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        if let Ok(scenario) = checked.get() {
            start(scenario);
        }
    });
    (latest, computing)
}

thread_local! {
    /// Previews going on between frames, in the order they started.
    static QUEUE: RefCell<VecDeque<u64>> = const { RefCell::new(VecDeque::new()) };
    static TICKETS: Cell<u64> = const { Cell::new(0) };
}

/// A place among the previews computed between frames (both sides of a
/// comparison): one goes on at a time, in the order they started, so only
/// one run at the caps is held in memory at once. Dropped (done or taken
/// over by a newer edit), it gives the turn to the next.
struct Turn(u64);

impl Turn {
    fn take() -> Self {
        let ticket = TICKETS.with(|t| t.replace(t.get() + 1));
        QUEUE.with(|q| q.borrow_mut().push_back(ticket));
        Turn(ticket)
    }

    fn is_mine(&self) -> bool {
        QUEUE.with(|q| q.borrow().front() == Some(&self.0))
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        QUEUE.with(|q| q.borrow_mut().retain(|&t| t != self.0));
    }
}

/// Steps `job` for up to [`SLICE_MS`]: the preview if it got done.
pub(super) fn slice(job: &mut PreviewJob) -> Option<Preview> {
    let began = perf::now();
    loop {
        if let Some(preview) = job.step(CHUNK) {
            return Some(preview);
        }
        if perf::now() - began >= SLICE_MS {
            return None;
        }
    }
}
