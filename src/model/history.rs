//! Undo/redo stacks of inverse edits, with grouping so a burst of typing is one step.

use super::{Edit, EditError, Session};

/// Identifies a burst of related edits (e.g. typing into one note) that undo as one step.
/// The UI starts a new group when a burst begins and ends it when focus leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EditGroup(pub u64);

#[derive(Clone, Debug)]
struct Entry {
    inverse: Edit,
    group: Option<EditGroup>,
}

/// Undo and redo stacks, plus which depth matches the file on disk (for the unsaved marker).
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Edit>,
    /// Undo depth at the last save; `None` when that state can no longer be reached.
    clean_depth: Option<usize>,
    /// The group the top of the undo stack belongs to, while its burst is still open.
    open_group: Option<EditGroup>,
}

impl History {
    /// An empty history whose starting state counts as saved.
    pub fn new() -> Self {
        Self {
            clean_depth: Some(0),
            ..Self::default()
        }
    }

    /// An empty history whose starting state is not on disk (a new, never-saved session
    /// with content, or a recovered one).
    pub fn new_unsaved() -> Self {
        Self::default()
    }

    /// Applies `edit` to `session` and records its inverse. With a `group` equal to the open
    /// group, the edit joins the previous step: undo then restores the state before the burst.
    pub fn apply(
        &mut self,
        session: &mut Session,
        edit: Edit,
        group: Option<EditGroup>,
    ) -> Result<(), EditError> {
        let inverse = session.apply(edit)?;
        self.redo.clear();
        if let Some(clean) = self.clean_depth
            && clean > self.undo.len()
        {
            self.clean_depth = None;
        }
        let joins_burst = group.is_some() && group == self.open_group && !self.undo.is_empty();
        if joins_burst {
            if self.clean_depth == Some(self.undo.len()) {
                self.clean_depth = None;
            }
            if let Some(top) = self.undo.pop() {
                self.undo.push(Entry {
                    inverse: compose_inverses(inverse, top.inverse),
                    group: top.group,
                });
            }
        } else {
            self.undo.push(Entry { inverse, group });
        }
        self.open_group = group;
        Ok(())
    }

    /// Ends the open burst, so the next grouped edit starts a new undo step.
    pub fn close_group(&mut self) {
        self.open_group = None;
    }

    /// Undoes the last step. Returns what was undone, or `None` if there was nothing.
    pub fn undo(&mut self, session: &mut Session) -> Option<Result<Edit, EditError>> {
        let entry = self.undo.pop()?;
        self.open_group = None;
        Some(match session.apply(entry.inverse.clone()) {
            Ok(redo) => {
                self.redo.push(redo.clone());
                Ok(redo)
            }
            Err(error) => {
                self.undo.push(entry);
                Err(error)
            }
        })
    }

    /// Redoes the last undone step. Returns what was redone, or `None` if there was nothing.
    pub fn redo(&mut self, session: &mut Session) -> Option<Result<Edit, EditError>> {
        let edit = self.redo.pop()?;
        self.open_group = None;
        Some(match session.apply(edit.clone()) {
            Ok(inverse) => {
                self.undo.push(Entry {
                    inverse,
                    group: None,
                });
                Ok(edit)
            }
            Err(error) => {
                self.redo.push(edit);
                Err(error)
            }
        })
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Marks the current state as the one on disk.
    pub fn mark_saved(&mut self) {
        self.clean_depth = Some(self.undo.len());
        self.open_group = None;
    }

    /// True when the session differs from what was last saved (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.clean_depth != Some(self.undo.len())
    }
}

/// The inverse of a burst step followed by one more edit: undo `newer` first, then `older`.
/// When both only set the same field of the same annotation, `older` alone restores the state
/// before the burst (the common case: typing into one note keeps a single `SetNote`).
fn compose_inverses(newer: Edit, older: Edit) -> Edit {
    let same_field = match (&newer, &older) {
        (Edit::SetNote { id: a, .. }, Edit::SetNote { id: b, .. })
        | (Edit::SetTag { id: a, .. }, Edit::SetTag { id: b, .. })
        | (Edit::SetSpan { id: a, .. }, Edit::SetSpan { id: b, .. }) => a == b,
        _ => false,
    };
    if same_field {
        return older;
    }
    match older {
        Edit::Batch(mut edits) => {
            edits.insert(0, newer);
            Edit::Batch(edits)
        }
        older => Edit::Batch(vec![newer, older]),
    }
}
