//! Undo and redo with a bounded history: each entry is a whole earlier
//! state, so undoing is exact whatever the edit was.
//!
//! ```text
//!  record(before, merge) ──► past: [s0, s1, s2]   future: []      (typing in one field
//!  undo(current = s3)    ──► past: [s0, s1]       future: [s3]     is one entry: same
//!  redo(current = s2)    ──► past: [s0, s1, s2]   future: []       merge key, merged)
//! ```

use std::collections::VecDeque;

/// How many edits can be undone.
pub const HISTORY_LIMIT: usize = 200;

/// Earlier and later states of something edited.
#[derive(Clone, Debug)]
pub struct History<T> {
    past: VecDeque<(T, Option<u64>)>,
    future: Vec<T>,
    limit: usize,
    /// Set by undo and redo: the next edit starts a new entry.
    sealed: bool,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        Self::new(HISTORY_LIMIT)
    }
}

impl<T> History<T> {
    /// An empty history keeping at most `limit` earlier states.
    pub fn new(limit: usize) -> Self {
        Self {
            past: VecDeque::new(),
            future: Vec::new(),
            limit: limit.max(1),
            sealed: false,
        }
    }

    /// Records the state `before` an edit. An edit with the same `merge`
    /// key as the previous one (typing on in one field) joins its entry.
    /// Any edit forgets the states undone before it.
    pub fn record(&mut self, before: T, merge: Option<u64>) {
        self.future.clear();
        let joins = !self.sealed
            && merge.is_some()
            && self.past.back().is_some_and(|(_, last)| *last == merge);
        self.sealed = false;
        if joins {
            return;
        }
        self.past.push_back((before, merge));
        if self.past.len() > self.limit {
            self.past.pop_front();
        }
    }

    /// The state before the last edit, given the `current` one (kept for redo).
    pub fn undo(&mut self, current: T) -> Option<T> {
        let (previous, _) = self.past.pop_back()?;
        self.future.push(current);
        self.sealed = true;
        Some(previous)
    }

    /// The state the last undo left, given the `current` one (kept for undo).
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push_back((current, None));
        self.sealed = true;
        Some(next)
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// How many edits can be undone now.
    pub fn undo_depth(&self) -> usize {
        self.past.len()
    }
}
