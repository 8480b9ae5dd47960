//! The scenario editor as pure data: every edit is a function of the
//! scenario, tested natively; the page's editor components only call these.
//!
//! ```text
//!  Editor ─┬─ draft: Draft ── raw: RawScenario + a stable key per stage/step/resource
//!          └─ history: History<Draft>            (undo / redo, bounded)
//!
//!  set(Field, "text") ──► field::set ─► Ok: recorded (typing in one field = one entry)
//!                                    └► Err("must be a whole number"): nothing changes
//!                                       message::typing_message ──► "Stage 2 (B): workers must be a whole number."
//!  apply(Action)      ──► action::apply, keys follow their rows, recorded
//!  replace(raw, id)   ──► a preset (its id kept as the origin), a link: recorded
//!  undo() / redo()    ──► the whole earlier / later draft
//!  message::user_message(raw, error) ──► "Stage 2 (B): workers must be between 1 and 1000 (got 0)."
//! ```

pub mod action;
pub mod draft;
pub mod field;
pub mod history;
pub mod message;

pub use action::{Action, Dir};
pub use draft::{Draft, Key};
pub use field::{Field, Input};
pub use history::History;

use crate::scenario::RawScenario;

/// A draft and its undo history.
#[derive(Clone, Debug)]
pub struct Editor {
    draft: Draft,
    history: History<Draft>,
}

impl Editor {
    /// An editor of `raw` with an empty history.
    pub fn new(raw: RawScenario) -> Self {
        Self::with_origin(raw, None)
    }

    /// An editor of `raw`, which came from the preset `origin`.
    pub fn with_origin(raw: RawScenario, origin: Option<&'static str>) -> Self {
        Self {
            draft: Draft::with_origin(raw, origin),
            history: History::default(),
        }
    }

    /// The draft being edited.
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The scenario being edited.
    pub fn raw(&self) -> &RawScenario {
        self.draft.raw()
    }

    /// Sets `field` from text; consecutive sets of one field are one undo
    /// entry. Text that is not a value changes nothing and gives what the
    /// field must hold ("must be a whole number": [`message::typing_message`]
    /// words it).
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), String> {
        let before = self.draft.clone();
        self.draft.set(field, text)?;
        if self.draft != before {
            self.history.record(before, Some(merge_key(field)));
        }
        Ok(())
    }

    /// Applies a button's action (one undo entry if it changed anything).
    pub fn apply(&mut self, action: Action, random: f64) {
        let before = self.draft.clone();
        self.draft.apply(action, random);
        self.record_if_changed(before);
    }

    /// Any other change to the scenario (one undo entry if it changed anything).
    pub fn edit(&mut self, change: impl FnOnce(&mut RawScenario)) {
        let before = self.draft.clone();
        self.draft.edit(change);
        self.record_if_changed(before);
    }

    /// Replaces the whole scenario (a preset, a link; `origin` names the
    /// preset): undoable, rows get new keys.
    pub fn replace(&mut self, raw: RawScenario, origin: Option<&'static str>) {
        if *self.draft.raw() == raw && self.draft.origin() == origin {
            return;
        }
        let before = std::mem::replace(&mut self.draft, Draft::with_origin(raw, origin));
        self.history.record(before, None);
    }

    /// Undoes the last edit; `false` if there was none.
    pub fn undo(&mut self) -> bool {
        match self.history.undo(self.draft.clone()) {
            Some(previous) => {
                self.draft = previous;
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit; `false` if there was none.
    pub fn redo(&mut self) -> bool {
        match self.history.redo(self.draft.clone()) {
            Some(next) => {
                self.draft = next;
                true
            }
            None => false,
        }
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    fn record_if_changed(&mut self, before: Draft) {
        if self.draft.raw() != before.raw() {
            self.history.record(before, None);
        }
    }
}

/// Typing on in one field joins one undo entry: the field, as a number.
fn merge_key(field: Field) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    field.hash(&mut hasher);
    hasher.finish()
}
