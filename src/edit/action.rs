//! The editor's buttons as [`Action`]s: whether each applies now, and what
//! it does to the scenario.
//!
//! ```text
//!  Action::MoveStage(2, Up) ──enabled?──► apply ──► raw.stages swapped (the source keeps capacity 0)
//! ```

use super::field::{stage, step};
use crate::limits::{MAX_RESOURCES, MAX_STAGES, MAX_STEPS};
use crate::scenario::{RawDuration, RawResource, RawScenario, RawStage, RawStep, ResourceKind};

/// Which way an item moves in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards the start.
    Up,
    /// Towards the end.
    Down,
}

/// A button of the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Appends a stage.
    AddStage,
    /// Removes stage `s`.
    RemoveStage(usize),
    /// Moves stage `s`.
    MoveStage(usize, Dir),
    /// Appends a step to stage `s`.
    AddStep(usize),
    /// Removes step `j` of stage `s`.
    RemoveStep(usize, usize),
    /// Moves step `j` of stage `s`.
    MoveStep(usize, usize, Dir),
    /// Adds a semaphore or a lock.
    AddResource(ResourceKind),
    /// Removes resource `r`.
    RemoveResource(usize),
    /// Draws a new seed.
    Reroll,
}

impl Dir {
    /// Where a row at `index` moves (`index` itself if it cannot move up).
    pub fn target(self, index: usize) -> usize {
        match self {
            Dir::Up => index.saturating_sub(1),
            Dir::Down => index + 1,
        }
    }
}

fn target(index: usize, dir: Dir, len: usize) -> Option<usize> {
    match dir {
        Dir::Up => index.checked_sub(1),
        Dir::Down => (index + 1 < len).then_some(index + 1),
    }
}

/// Whether the action can apply to `raw` now.
pub fn enabled(raw: &RawScenario, action: Action) -> bool {
    match action {
        Action::AddStage => raw.stages.len() < MAX_STAGES,
        Action::RemoveStage(s) => raw.stages.len() > 1 && s < raw.stages.len(),
        Action::MoveStage(s, dir) => {
            s < raw.stages.len() && target(s, dir, raw.stages.len()).is_some()
        }
        Action::AddStep(s) => stage(raw, s).is_some_and(|st| st.steps.len() < MAX_STEPS),
        Action::RemoveStep(s, j) => step(raw, s, j).is_some(),
        Action::MoveStep(s, j, dir) => stage(raw, s)
            .is_some_and(|st| j < st.steps.len() && target(j, dir, st.steps.len()).is_some()),
        Action::AddResource(_) => raw.resources.len() < MAX_RESOURCES,
        Action::RemoveResource(r) => r < raw.resources.len(),
        Action::Reroll => true,
    }
}

/// Applies `action`; `random` in `[0, 1)` draws the new seed of a re-roll.
pub fn apply(raw: &mut RawScenario, action: Action, random: f64) {
    if !enabled(raw, action) {
        return;
    }
    match action {
        Action::AddStage => {
            let name = (raw.stages.len() + 1..)
                .map(|n| format!("S{n}"))
                .find(|name| raw.stages.iter().all(|s| &s.name != name))
                .unwrap_or_else(|| "S".into());
            raw.stages.push(new_stage(&name));
        }
        Action::RemoveStage(s) => {
            raw.stages.remove(s);
        }
        Action::MoveStage(s, dir) => {
            if let Some(t) = target(s, dir, raw.stages.len()) {
                raw.stages.swap(s, t);
            }
        }
        Action::AddStep(s) => {
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.steps.push(RawStep::Wait(RawDuration::Fixed(100.0)));
            }
        }
        Action::RemoveStep(s, j) => {
            if let Some(stage) = raw.stages.get_mut(s) {
                stage.steps.remove(j);
            }
        }
        Action::MoveStep(s, j, dir) => {
            if let Some(stage) = raw.stages.get_mut(s)
                && let Some(t) = target(j, dir, stage.steps.len())
            {
                stage.steps.swap(j, t);
            }
        }
        Action::AddResource(kind) => {
            let base = match kind {
                ResourceKind::Semaphore => "sem",
                ResourceKind::Lock => "lock",
            };
            let name = (1..)
                .map(|n| format!("{base}{n}"))
                .find(|name| raw.resources.iter().all(|r| &r.name != name))
                .unwrap_or_else(|| base.into());
            let permits = if kind == ResourceKind::Lock { 1 } else { 2 };
            raw.resources.push(RawResource {
                name,
                kind,
                permits,
            });
        }
        Action::RemoveResource(r) => {
            raw.resources.remove(r);
        }
        Action::Reroll => {
            raw.seed = (random.clamp(0.0, 1.0) * 1_000_000.0).floor() as u64;
        }
    }
    // The source has no input queue: keep its capacity at 0 after a move.
    if matches!(action, Action::MoveStage(..) | Action::RemoveStage(_))
        && let Some(source) = raw.stages.first_mut()
    {
        source.capacity = 0;
    }
}

/// A new stage named `name`: one worker, one 100 ms wait; fields added to
/// the format later take their defaults.
fn new_stage(name: &str) -> RawStage {
    RawStage {
        name: name.to_string(),
        workers: 1,
        steps: vec![RawStep::Wait(RawDuration::Fixed(100.0))],
        ..RawStage::default()
    }
}
