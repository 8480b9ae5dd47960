//! A scenario being edited, with a stable key for every stage, step and
//! resource, so that a list view keeps each row's elements (and the focus
//! in them) when rows are added, moved or removed around it.
//!
//! ```text
//!  raw.stages      [ A      B      C    ]        apply(MoveStage(2, Up))
//!  stage keys      [ 1      2      3    ]   ──►  [ 1  3  2 ]   (keys travel with their stage)
//!  step keys       [[4]   [5, 6]  [7]   ]   ──►  [[4] [7] [5, 6]]
//!  edit(|raw| …)   any change: keys kept where the shape did not change, fresh ones added
//! ```

use super::action::{Action, apply};
use super::field::{Field, set};
use crate::scenario::RawScenario;

/// Identifies a stage, a step or a resource across edits.
pub type Key = u64;

/// A scenario and the keys of its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    raw: RawScenario,
    stage_keys: Vec<Key>,
    step_keys: Vec<Vec<Key>>,
    resource_keys: Vec<Key>,
    next: Key,
    origin: Option<&'static str>,
}

impl Draft {
    /// A draft of `raw`, every row with a fresh key.
    pub fn new(raw: RawScenario) -> Self {
        Self::with_origin(raw, None)
    }

    /// A draft of `raw` that came from the preset `origin`.
    pub fn with_origin(raw: RawScenario, origin: Option<&'static str>) -> Self {
        let mut draft = Self {
            raw,
            stage_keys: Vec::new(),
            step_keys: Vec::new(),
            resource_keys: Vec::new(),
            next: 0,
            origin,
        };
        draft.fit();
        draft
    }

    /// The preset this draft started from, if any (kept through edits).
    pub fn origin(&self) -> Option<&'static str> {
        self.origin
    }

    /// The scenario.
    pub fn raw(&self) -> &RawScenario {
        &self.raw
    }

    /// The stages' keys, in stage order.
    pub fn stage_keys(&self) -> &[Key] {
        &self.stage_keys
    }

    /// The keys of stage `s`'s steps, in step order (empty if there is no such stage).
    pub fn step_keys(&self, s: usize) -> &[Key] {
        self.step_keys.get(s).map_or(&[], Vec::as_slice)
    }

    /// The resources' keys, in order.
    pub fn resource_keys(&self) -> &[Key] {
        &self.resource_keys
    }

    /// Where the stage with `key` is now.
    pub fn stage_index(&self, key: Key) -> Option<usize> {
        self.stage_keys.iter().position(|&k| k == key)
    }

    /// Where the step with `key` is now: (stage, step).
    pub fn step_index(&self, key: Key) -> Option<(usize, usize)> {
        self.step_keys
            .iter()
            .enumerate()
            .find_map(|(s, keys)| keys.iter().position(|&k| k == key).map(|j| (s, j)))
    }

    /// Where the resource with `key` is now.
    pub fn resource_index(&self, key: Key) -> Option<usize> {
        self.resource_keys.iter().position(|&k| k == key)
    }

    /// Sets `field` from the text typed or chosen (see [`super::field::set`]).
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), String> {
        set(&mut self.raw, field, text)?;
        self.fit();
        Ok(())
    }

    /// Applies `action`, moving and removing keys with their rows;
    /// `random` in `[0, 1)` draws the seed of a re-roll.
    pub fn apply(&mut self, action: Action, random: f64) {
        let before = self.raw.clone();
        apply(&mut self.raw, action, random);
        if self.raw == before {
            return;
        }
        match action {
            Action::RemoveStage(s) => {
                self.stage_keys.remove(s);
                self.step_keys.remove(s);
            }
            Action::MoveStage(s, dir) => {
                let t = dir.target(s);
                self.stage_keys.swap(s, t);
                self.step_keys.swap(s, t);
            }
            Action::RemoveStep(s, j) => {
                self.step_keys[s].remove(j);
            }
            Action::MoveStep(s, j, dir) => {
                self.step_keys[s].swap(j, dir.target(j));
            }
            Action::RemoveResource(r) => {
                self.resource_keys.remove(r);
            }
            Action::AddStage | Action::AddStep(_) | Action::AddResource(_) | Action::Reroll => {}
        }
        self.fit();
    }

    /// Any change to the scenario: rows keep their keys where the counts
    /// did not change; added rows get fresh keys.
    pub fn edit(&mut self, change: impl FnOnce(&mut RawScenario)) {
        change(&mut self.raw);
        self.fit();
    }

    /// Makes the key lists match the scenario's shape.
    fn fit(&mut self) {
        let mut fresh = || {
            self.next += 1;
            self.next
        };
        let stages = self.raw.stages.len();
        self.stage_keys.truncate(stages);
        self.step_keys.truncate(stages);
        while self.stage_keys.len() < stages {
            self.stage_keys.push(fresh());
        }
        self.step_keys.resize_with(stages, Vec::new);
        for (keys, stage) in self.step_keys.iter_mut().zip(&self.raw.stages) {
            keys.truncate(stage.steps.len());
            while keys.len() < stage.steps.len() {
                keys.push(fresh());
            }
        }
        let resources = self.raw.resources.len();
        self.resource_keys.truncate(resources);
        while self.resource_keys.len() < resources {
            self.resource_keys.push(fresh());
        }
    }
}
