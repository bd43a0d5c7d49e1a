//! Undo/redo stacks of inverse edits, with grouping so a burst of typing is one step, and
//! the selection from before each step so undo restores it.

use super::{Edit, EditError, Selection, Session};

/// Identifies a burst of related edits (e.g. typing into one note) that undo as one step.
/// The UI starts a new group when a burst begins and ends it when focus leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EditGroup(pub u64);

/// One undo step: the edit that undoes it, its burst, and what was selected before it.
#[derive(Clone, Debug)]
struct Entry {
    inverse: Edit,
    group: Option<EditGroup>,
    /// The selection from before the step (for a burst, before its first edit).
    selection: Selection,
}

/// One redo step: the edit that redoes it, and what was selected when it was undone.
#[derive(Clone, Debug)]
struct RedoEntry {
    edit: Edit,
    selection: Selection,
}

/// What [`History::undo`] or [`History::redo`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What was undone or redone, for [`Edit::describe`] ("Undid note edit.").
    pub edit: Edit,
    /// The selection to restore: for an undo, the one from before the step was made; for a
    /// redo, the one that was current when the step was undone.
    pub selection: Selection,
}

/// Undo and redo stacks, plus which depth matches the file on disk (for the unsaved marker).
///
/// Invariant: every undo entry's inverse applies to the session as it is now (the stack is a
/// chain of inverses back to the start), and likewise every redo entry forwards; each entry
/// carries the selection to restore with it.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<RedoEntry>,
    /// Undo depth at the last save; `None` when that state can no longer be reached.
    clean_depth: Option<usize>,
    /// Undo depth of the state a save running now is writing (see [`History::begin_save`]);
    /// `None` when no save runs or that state can no longer be reached. Kept up to date by
    /// the same rules as `clean_depth`.
    saving_depth: Option<usize>,
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

    /// Applies `edit` to `session` and records its inverse with `before`, the selection
    /// just before the edit. With a `group` equal to the open group, the edit joins the
    /// previous step: undo then restores the state, and the selection, from before the burst
    /// (the burst's first `before` is kept).
    ///
    /// # Errors
    ///
    /// The session's [`EditError`]; then nothing is recorded and nothing changes.
    pub fn apply(
        &mut self,
        session: &mut Session,
        edit: Edit,
        group: Option<EditGroup>,
        before: Selection,
    ) -> Result<(), EditError> {
        let inverse = session.apply(edit)?;
        self.redo.clear();
        let joins_burst = group.is_some() && group == self.open_group && !self.undo.is_empty();
        let depth = self.undo.len();
        for marker in [&mut self.clean_depth, &mut self.saving_depth] {
            // A state above this depth was on the redo stack, now cleared; a burst rewrites
            // the state at this depth.
            if marker.is_some_and(|d| d > depth || (joins_burst && d == depth)) {
                *marker = None;
            }
        }
        if joins_burst {
            if let Some(top) = self.undo.pop() {
                self.undo.push(Entry {
                    inverse: compose_inverses(inverse, top.inverse),
                    group: top.group,
                    selection: top.selection,
                });
            }
        } else {
            self.undo.push(Entry {
                inverse,
                group,
                selection: before,
            });
        }
        self.open_group = group;
        Ok(())
    }

    /// Ends the open burst, so the next grouped edit starts a new undo step.
    pub fn close_group(&mut self) {
        self.open_group = None;
    }

    /// Undoes the last step; `now` is the current selection, which a later redo restores.
    /// Returns what was undone and the selection from before it, or `None` if there was
    /// nothing to undo. On error the step stays on the stack and nothing changes.
    pub fn undo(
        &mut self,
        session: &mut Session,
        now: Selection,
    ) -> Option<Result<Step, EditError>> {
        let entry = self.undo.pop()?;
        self.open_group = None;
        Some(match session.apply(entry.inverse.clone()) {
            Ok(redo) => {
                self.redo.push(RedoEntry {
                    edit: redo.clone(),
                    selection: now,
                });
                Ok(Step {
                    edit: redo,
                    selection: entry.selection,
                })
            }
            Err(error) => {
                self.undo.push(entry);
                Err(error)
            }
        })
    }

    /// Redoes the last undone step; `now` is the current selection, which undoing it again
    /// restores. Returns what was redone and the selection from when it was undone, or
    /// `None` if there was nothing to redo. On error nothing changes.
    pub fn redo(
        &mut self,
        session: &mut Session,
        now: Selection,
    ) -> Option<Result<Step, EditError>> {
        let entry = self.redo.pop()?;
        self.open_group = None;
        Some(match session.apply(entry.edit.clone()) {
            Ok(inverse) => {
                self.undo.push(Entry {
                    inverse,
                    group: None,
                    selection: now,
                });
                Ok(Step {
                    edit: entry.edit,
                    selection: entry.selection,
                })
            }
            Err(error) => {
                self.redo.push(entry);
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
        self.saving_depth = None;
        self.open_group = None;
    }

    /// A save of the current state starts (on a worker, while editing goes on): remembers
    /// that state, and ends the open burst so later typing is a step of its own.
    pub fn begin_save(&mut self) {
        self.saving_depth = Some(self.undo.len());
        self.open_group = None;
    }

    /// The save begun by [`History::begin_save`] ended; `written`: the file now holds that
    /// state. The document is clean again only if the state now is the one written (the
    /// user may have edited, or undone, meanwhile); when the written state can no longer be
    /// reached, no state counts as saved.
    pub fn finish_save(&mut self, written: bool) {
        let saving = self.saving_depth.take();
        if written {
            self.clean_depth = saving;
        }
    }

    /// True when the session differs from what was last saved (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.clean_depth != Some(self.undo.len())
    }
}

/// The inverse of a burst step followed by one more edit: undo `newer` first, then `older`.
/// When both only set the same field of the same annotation, `older` alone restores the state
/// before the burst (the common case: typing into one note keeps a single note `Set`).
fn compose_inverses(newer: Edit, older: Edit) -> Edit {
    let same_field = match (&newer, &older) {
        (Edit::Set { id: a, field: f }, Edit::Set { id: b, field: g }) => {
            a == b && f.kind() == g.kind()
        }
        (Edit::SetSpan { id: a, .. }, Edit::SetSpan { id: b, .. }) => a == b,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Field, Span, Tag};

    use crate::model::minsk_session as session;

    fn selected(id: u64) -> Selection {
        Selection {
            annotation: Some(AnnotationId(id)),
            text: None,
        }
    }

    fn pending(start: usize, end: usize) -> Selection {
        Selection {
            annotation: None,
            text: Some(Span::new(start, end)),
        }
    }

    fn note(id: AnnotationId, text: &str) -> Edit {
        Edit::Set {
            id,
            field: Field::Note(text.to_owned()),
        }
    }

    #[test]
    fn undo_restores_the_selection_from_before_the_edit() {
        let mut s = session();
        let mut h = History::new();
        let add = s.add_edit(Tag::Statistic, Span::new(17, 39));
        h.apply(&mut s, add, None, pending(17, 39)).unwrap();
        let id = s.annotations()[0].id;
        h.apply(
            &mut s,
            Edit::Set {
                id,
                field: Field::Tag(Tag::Claim),
            },
            None,
            selected(id.0),
        )
        .unwrap();

        let step = h.undo(&mut s, Selection::default()).unwrap().unwrap();
        assert_eq!(step.edit.describe(), "retag as claim");
        assert_eq!(step.selection, selected(id.0));
        let step = h.undo(&mut s, selected(id.0)).unwrap().unwrap();
        assert_eq!(step.edit.describe(), "add statistic");
        assert_eq!(
            step.selection,
            pending(17, 39),
            "undoing the add gives back the pending text selection"
        );
    }

    #[test]
    fn a_burst_keeps_the_selection_from_before_its_first_edit() {
        let mut s = session();
        let mut h = History::new();
        s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
        s.apply(s.add_edit(Tag::Quote, Span::new(17, 39))).unwrap();
        let (a, b) = (s.annotations()[0].id, s.annotations()[1].id);
        let group = Some(EditGroup(1));
        h.apply(&mut s, note(a, "x"), group, selected(a.0)).unwrap();
        h.apply(&mut s, note(a, "xy"), group, selected(a.0))
            .unwrap();
        // The selection moved during the burst (the UI kept the group open).
        h.apply(&mut s, note(b, "z"), group, selected(b.0)).unwrap();
        let step = h.undo(&mut s, selected(b.0)).unwrap().unwrap();
        assert_eq!(step.selection, selected(a.0));
        assert!(!h.can_undo(), "the burst was one step");
        assert_eq!(s.get(a).unwrap().body.note, "");
        assert_eq!(s.get(b).unwrap().body.note, "");
    }

    #[test]
    fn redo_restores_the_selection_at_undo_time() {
        let mut s = session();
        let mut h = History::new();
        let add = s.add_edit(Tag::Claim, Span::new(0, 7));
        h.apply(&mut s, add, None, pending(0, 7)).unwrap();
        let id = s.annotations()[0].id;
        let step = h.undo(&mut s, selected(id.0)).unwrap().unwrap();
        assert_eq!(step.selection, pending(0, 7));
        let step = h.redo(&mut s, pending(0, 7)).unwrap().unwrap();
        assert_eq!(step.edit.describe(), "add claim");
        assert_eq!(step.selection, selected(id.0), "as it was when undone");
        // Undoing the redone step restores what was current when it was redone.
        let step = h.undo(&mut s, selected(id.0)).unwrap().unwrap();
        assert_eq!(step.selection, pending(0, 7));
    }

    #[test]
    fn a_failed_undo_keeps_its_step_and_selection() {
        let mut s = session();
        let mut h = History::new();
        let add = s.add_edit(Tag::Claim, Span::new(0, 7));
        h.apply(&mut s, add, None, pending(0, 7)).unwrap();
        let id = s.annotations()[0].id;
        // Changed behind the history's back: the undo (a Remove) can no longer apply.
        s.apply(Edit::Remove(id)).unwrap();
        assert!(matches!(
            h.undo(&mut s, Selection::default()),
            Some(Err(EditError::UnknownId(_)))
        ));
        assert!(h.can_undo());
        assert!(!h.can_redo());
    }

    #[test]
    fn same_field_edits_in_a_burst_compose_to_the_oldest() {
        let id = AnnotationId(1);
        let tag = |t| Edit::Set {
            id,
            field: Field::Tag(t),
        };
        assert_eq!(
            compose_inverses(note(id, "b"), note(id, "a")),
            note(id, "a")
        );
        assert_eq!(
            compose_inverses(tag(Tag::Quote), tag(Tag::Claim)),
            tag(Tag::Claim)
        );
        assert_eq!(
            compose_inverses(tag(Tag::Quote), note(id, "a")),
            Edit::Batch(vec![tag(Tag::Quote), note(id, "a")]),
            "different fields of one annotation are both kept"
        );
        assert_eq!(
            compose_inverses(note(AnnotationId(2), "b"), note(id, "a")),
            Edit::Batch(vec![note(AnnotationId(2), "b"), note(id, "a")])
        );
    }
}
