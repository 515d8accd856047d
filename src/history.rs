//! Undo and redo: a bounded history of what each edit replaced. Not saved;
//! bounded by steps and by weight (a portfolio of 10,000 accounts weighs
//! 10,000), so a large portfolio keeps fewer steps instead of filling memory.

/// One edit: what it was called and the state it replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<T> {
    pub label: String,
    pub state: T,
    weight: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    undo: Vec<Step<T>>,
    redo: Vec<Step<T>>,
    max_steps: usize,
    max_weight: usize,
}

impl<T> History<T> {
    pub fn new(max_steps: usize, max_weight: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            max_steps: max_steps.max(1),
            max_weight,
        }
    }

    /// Records an edit that replaced `before`; a new edit ends the redo trail.
    pub fn record(&mut self, label: impl Into<String>, before: T, weight: usize) {
        self.redo.clear();
        self.undo.push(Step {
            label: label.into(),
            state: before,
            weight: weight.max(1),
        });
        self.trim();
    }

    /// Drops the oldest steps beyond the limits; the newest is always kept.
    fn trim(&mut self) {
        let total = |v: &[Step<T>]| v.iter().map(|s| s.weight).sum::<usize>();
        while self.undo.len() > 1
            && (self.undo.len() > self.max_steps || total(&self.undo) > self.max_weight)
        {
            self.undo.remove(0);
        }
    }

    /// Takes the last edit back: returns its label and the state to restore.
    /// `current` gives the state that restoring will replace (and its weight),
    /// which redo brings back.
    pub fn undo(&mut self, current: impl FnOnce(&T) -> (T, usize)) -> Option<(String, T)> {
        let step = self.undo.pop()?;
        let (now, weight) = current(&step.state);
        self.redo.push(Step {
            label: step.label.clone(),
            state: now,
            weight: weight.max(1),
        });
        Some((step.label, step.state))
    }

    /// Does again the last edit taken back.
    pub fn redo(&mut self, current: impl FnOnce(&T) -> (T, usize)) -> Option<(String, T)> {
        let step = self.redo.pop()?;
        let (now, weight) = current(&step.state);
        self.undo.push(Step {
            label: step.label.clone(),
            state: now,
            weight: weight.max(1),
        });
        self.trim();
        Some((step.label, step.state))
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of one number, edited through the history as the app does.
    fn edit(h: &mut History<i32>, doc: &mut i32, label: &str, to: i32) {
        h.record(label, *doc, 1);
        *doc = to;
    }

    #[test]
    fn undo_and_redo_walk_the_edits_both_ways() {
        let mut h = History::new(10, 100);
        let mut doc = 0;
        edit(&mut h, &mut doc, "one", 1);
        edit(&mut h, &mut doc, "two", 2);
        assert_eq!(h.undo_label(), Some("two"));
        let (label, back) = h.undo(|_| (doc, 1)).unwrap();
        assert_eq!((label.as_str(), back), ("two", 1));
        doc = back;
        assert_eq!(h.redo_label(), Some("two"));
        assert_eq!(h.undo_label(), Some("one"));
        let (_, again) = h.redo(|_| (doc, 1)).unwrap();
        doc = again;
        assert_eq!(doc, 2);
        assert_eq!(h.redo_label(), None);
        // Undo everything, then nothing more.
        doc = h.undo(|_| (doc, 1)).unwrap().1;
        doc = h.undo(|_| (doc, 1)).unwrap().1;
        assert_eq!(doc, 0);
        assert!(h.undo(|_| (doc, 1)).is_none());
    }

    #[test]
    fn a_new_edit_ends_the_redo_trail() {
        let mut h = History::new(10, 100);
        let mut doc = 0;
        edit(&mut h, &mut doc, "one", 1);
        doc = h.undo(|_| (doc, 1)).unwrap().1;
        edit(&mut h, &mut doc, "other", 5);
        assert_eq!(h.redo_label(), None);
        assert_eq!(h.undo_label(), Some("other"));
    }

    #[test]
    fn history_is_bounded_by_steps_and_by_weight() {
        let mut h = History::new(3, 1_000);
        for i in 0..10 {
            h.record(format!("edit {i}"), i, 1);
        }
        let mut labels = Vec::new();
        while let Some((l, _)) = h.undo(|s| (*s, 1)) {
            labels.push(l);
        }
        assert_eq!(labels, ["edit 9", "edit 8", "edit 7"]);

        let mut h = History::new(100, 25_000);
        for i in 0..5 {
            h.record(format!("import {i}"), i, 10_000);
        }
        let mut n = 0;
        while h.undo(|s| (*s, 10_000)).is_some() {
            n += 1;
        }
        assert_eq!(n, 2, "two 10,000-account steps fit in 25,000");
        // The newest step is kept even when it alone is over the limit.
        let mut h = History::new(100, 10);
        h.record("huge", 1, 50);
        assert_eq!(h.undo_label(), Some("huge"));
    }
}
