//! Unit tests of the undo history as a user meets it (note typing bursts, undo/redo, the
//! unsaved marker), plus regression tests for model bugs the property tests found.

use std::ops::Range;
use std::sync::Arc;

use factmark::model::words::snap_to_words;
use factmark::model::{
    AnnotationId, Article, Edit, EditError, EditGroup, Field, History, Selection, Session, Span,
    Tag,
};

const TEXT: &str = "Belarus released 14 political prisoners, said Franak Viačorka — «мы рады».";

fn session() -> Session {
    Session::new(Arc::new(Article::new("Test", None, TEXT)))
}

fn span_of(word: &str) -> Span {
    let start = TEXT.find(word).unwrap();
    Span::new(start, start + word.len())
}

/// Adds an annotation through the history (its own undo step) and returns its id.
fn add(history: &mut History, session: &mut Session, tag: Tag, word: &str) -> AnnotationId {
    let edit = session.add_edit(tag, span_of(word));
    let Edit::Add(annotation) = &edit else {
        unreachable!()
    };
    let id = annotation.id;
    history.apply(session, edit, None, NONE).unwrap();
    id
}

/// Nothing selected: these tests are about the session, not the selection (see the unit
/// tests in src/model/history.rs).
const NONE: Selection = Selection {
    annotation: None,
    text: None,
};

fn set_note(id: AnnotationId, note: &str) -> Edit {
    Edit::Set {
        id,
        field: Field::Note(note.to_owned()),
    }
}

fn note_of(session: &Session, id: AnnotationId) -> &str {
    &session.get(id).unwrap().body.note
}

/// Types "checked" onto the end of a note one key at a time, as the inspector would.
fn type_note(history: &mut History, session: &mut Session, id: AnnotationId, group: u64) {
    let typed = note_of(session, id).to_owned();
    for end in 1..="checked".len() {
        let note = format!("{typed}{}", &"checked"[..end]);
        history
            .apply(session, set_note(id, &note), Some(EditGroup(group)), NONE)
            .unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Grouping
// ---------------------------------------------------------------------------------------------

#[test]
fn grouped_note_burst_undoes_in_one_step() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Statistic, "14 political prisoners");
    type_note(&mut h, &mut s, id, 1);
    assert_eq!(note_of(&s, id), "checked");

    let undone = h.undo(&mut s, NONE).unwrap().unwrap().edit;
    assert_eq!(undone.describe(), "note edit");
    assert_eq!(note_of(&s, id), "", "one undo removes the whole burst");
    assert!(h.can_undo(), "the add is still there to undo");

    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(s.annotations().is_empty());
    assert!(h.undo(&mut s, NONE).is_none());

    h.redo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(note_of(&s, id), "");
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(
        note_of(&s, id),
        "checked",
        "one redo brings back the whole burst"
    );
    assert!(!h.can_redo());
}

#[test]
fn close_group_splits_bursts() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Claim, "Belarus");
    type_note(&mut h, &mut s, id, 7);
    h.close_group(); // focus left the note field
    type_note(&mut h, &mut s, id, 7); // same group id again: still a new burst
    assert_eq!(note_of(&s, id), "checkedchecked");

    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(note_of(&s, id), "checked");
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(note_of(&s, id), "");
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(s.annotations().is_empty());
}

#[test]
fn a_new_group_or_an_ungrouped_edit_starts_a_new_step() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.apply(&mut s, set_note(id, "a"), Some(EditGroup(1)), NONE)
        .unwrap();
    h.apply(&mut s, set_note(id, "ab"), Some(EditGroup(2)), NONE)
        .unwrap();
    h.apply(&mut s, set_note(id, "abc"), None, NONE).unwrap();
    h.apply(&mut s, set_note(id, "abcd"), None, NONE).unwrap();

    for expected in ["abc", "ab", "a", ""] {
        h.undo(&mut s, NONE).unwrap().unwrap();
        assert_eq!(note_of(&s, id), expected);
    }
}

#[test]
fn undo_and_redo_end_the_open_burst() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.apply(&mut s, set_note(id, "a"), Some(EditGroup(1)), NONE)
        .unwrap();
    h.apply(&mut s, set_note(id, "ab"), Some(EditGroup(1)), NONE)
        .unwrap();
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(note_of(&s, id), "");
    // Typing again after an undo is a new step, not part of the undone burst.
    h.apply(&mut s, set_note(id, "x"), Some(EditGroup(1)), NONE)
        .unwrap();
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(note_of(&s, id), "");
    assert_eq!(s.annotations().len(), 1, "the add was not undone with it");
}

/// Regression: a burst that touched more than one note (the UI kept the group open while the
/// selection changed) or mixed kinds of edit used to keep only the first inverse, so undo
/// left later changes in place, and undo of a grouped delete failed: the annotation was lost.
#[test]
fn a_burst_with_different_edits_still_undoes_completely() {
    let mut s = session();
    let mut h = History::new();
    let a = add(&mut h, &mut s, Tag::Claim, "Belarus");
    let b = add(&mut h, &mut s, Tag::Quote, "мы рады");
    let before = s.clone();

    let g = Some(EditGroup(3));
    h.apply(&mut s, set_note(a, "first"), g, NONE).unwrap();
    h.apply(&mut s, set_note(b, "second"), g, NONE).unwrap();
    h.apply(
        &mut s,
        Edit::Set {
            id: a,
            field: Field::Tag(Tag::Statistic),
        },
        g,
        NONE,
    )
    .unwrap();
    h.apply(&mut s, set_note(a, "first!"), g, NONE).unwrap();
    h.apply(&mut s, Edit::Remove(b), g, NONE).unwrap();
    let after = s.clone();

    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(s, before, "one undo restores the state before the burst");
    assert_eq!(s.counts(), before.counts());
    assert_eq!(note_of(&s, b), "");
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(s, after);
    assert_eq!(s.counts(), after.counts());
}

// ---------------------------------------------------------------------------------------------
// Undo / redo basics
// ---------------------------------------------------------------------------------------------

#[test]
fn undo_and_redo_on_empty_history_return_none() {
    let mut s = session();
    let mut h = History::new();
    assert!(!h.can_undo() && !h.can_redo());
    assert!(h.undo(&mut s, NONE).is_none());
    assert!(h.redo(&mut s, NONE).is_none());
    assert_eq!(s.revision(), 0);
    assert!(!h.is_dirty());

    add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.undo(&mut s, NONE).is_none(), "nothing left to undo");
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert!(h.redo(&mut s, NONE).is_none(), "nothing left to redo");
}

#[test]
fn undo_reports_what_it_undid() {
    let mut s = session();
    let mut h = History::new();
    add(&mut h, &mut s, Tag::Claim, "Belarus");
    let undone = h.undo(&mut s, NONE).unwrap().unwrap().edit;
    assert!(matches!(&undone, Edit::Add(a) if a.body.tag == Tag::Claim));
    assert_eq!(undone.describe(), "add claim");
    let redone = h.redo(&mut s, NONE).unwrap().unwrap().edit;
    assert_eq!(redone, undone);
    assert_eq!(s.annotations().len(), 1);
}

#[test]
fn undo_brings_back_a_deleted_annotation_with_its_id_and_note() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Quote, "мы рады");
    h.apply(&mut s, set_note(id, "source?"), None, NONE)
        .unwrap();
    let before = s.get(id).unwrap().clone();
    h.apply(&mut s, Edit::Remove(id), None, NONE).unwrap();
    assert!(s.get(id).is_none());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(s.get(id), Some(&before));
    assert_eq!(s.counts(), [0, 0, 1]);
}

#[test]
fn a_new_edit_after_undo_clears_redo() {
    let mut s = session();
    let mut h = History::new();
    add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.can_redo());
    add(&mut h, &mut s, Tag::Statistic, "14");
    assert!(!h.can_redo());
    assert!(h.redo(&mut s, NONE).is_none());
}

#[test]
fn a_failed_edit_records_nothing() {
    let mut s = session();
    let mut h = History::new();
    add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.undo(&mut s, NONE).unwrap().unwrap();
    h.mark_saved();
    let before = s.clone();
    let revision = s.revision();

    let blank = Span::new(7, 8); // the space after "Belarus"
    let edit = s.add_edit(Tag::Claim, blank);
    let result = h.apply(&mut s, edit, Some(EditGroup(1)), NONE);
    assert_eq!(result, Err(EditError::EmptySpan));
    let result = h.apply(&mut s, Edit::Remove(AnnotationId(404)), None, NONE);
    assert_eq!(result, Err(EditError::UnknownId(AnnotationId(404))));

    assert_eq!(s, before);
    assert_eq!(s.revision(), revision);
    assert!(!h.can_undo());
    assert!(
        h.can_redo(),
        "a failed edit does not throw away the redo step"
    );
    assert!(!h.is_dirty());
}

// ---------------------------------------------------------------------------------------------
// The unsaved marker
// ---------------------------------------------------------------------------------------------

#[test]
fn dirty_follows_save_undo_and_redo() {
    let mut s = session();
    let mut h = History::new();
    assert!(!h.is_dirty(), "a fresh history starts saved");

    add(&mut h, &mut s, Tag::Claim, "Belarus");
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());

    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty(), "undoing past the save");
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert!(!h.is_dirty(), "redo back to the saved state");

    add(&mut h, &mut s, Tag::Statistic, "14");
    assert!(h.is_dirty());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(!h.is_dirty(), "undo back to the saved state");
}

#[test]
fn saved_state_made_unreachable_stays_dirty_until_next_save() {
    let mut s = session();
    let mut h = History::new();
    add(&mut h, &mut s, Tag::Claim, "Belarus");
    add(&mut h, &mut s, Tag::Statistic, "14");
    h.mark_saved(); // saved with two annotations

    h.undo(&mut s, NONE).unwrap().unwrap();
    // A different edit at the same depth: the saved state can no longer be reached.
    add(&mut h, &mut s, Tag::Quote, "мы рады");
    assert!(h.is_dirty());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty());
    assert!(h.undo(&mut s, NONE).is_none());
    assert!(
        h.is_dirty(),
        "even at the very start: the file has two annotations"
    );
    h.redo(&mut s, NONE).unwrap().unwrap();
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty(), "same depth as the save, different content");

    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty());
    h.redo(&mut s, NONE).unwrap().unwrap();
    assert!(!h.is_dirty());
}

#[test]
fn typing_on_after_a_save_is_a_new_step() {
    let mut s = session();
    let mut h = History::new();
    let id = add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.apply(&mut s, set_note(id, "ab"), Some(EditGroup(1)), NONE)
        .unwrap();
    h.mark_saved(); // Ctrl+S in the middle of typing
    h.apply(&mut s, set_note(id, "abc"), Some(EditGroup(1)), NONE)
        .unwrap();
    assert!(h.is_dirty());
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert_eq!(
        note_of(&s, id),
        "ab",
        "undo returns to exactly what was saved"
    );
    assert!(!h.is_dirty());
}

#[test]
fn a_never_saved_history_is_dirty_even_after_undoing_everything() {
    let mut s = session();
    let mut h = History::new_unsaved();
    assert!(h.is_dirty());
    add(&mut h, &mut s, Tag::Claim, "Belarus");
    h.undo(&mut s, NONE).unwrap().unwrap();
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
}

// ---------------------------------------------------------------------------------------------
// Regressions found by tests/headless/model_props.rs
// ---------------------------------------------------------------------------------------------

/// `overlapping` shares-a-byte semantics: an empty or reversed range overlaps nothing (it
/// used to return the annotations around it).
#[test]
fn empty_or_reversed_ranges_overlap_nothing() {
    let mut s = session();
    s.apply(s.add_edit(Tag::Claim, Span::new(0, 40))).unwrap();
    assert_eq!(s.overlapping(10..10).count(), 0);
    assert_eq!(s.overlapping(Range { start: 20, end: 10 }).count(), 0);
    assert_eq!(s.overlapping(10..11).count(), 1);
    assert!(!Span::new(0, 40).overlaps(Span::new(10, 10)));
    assert!(Span::new(0, 40).overlaps(Span::new(39, 41)));
    assert!(!Span::new(0, 40).overlaps(Span::new(40, 41)));
}

/// `at` with the largest offset used to overflow (a panic in debug builds).
#[test]
fn at_any_offset_does_not_panic() {
    let mut s = session();
    s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
    assert!(s.at(usize::MAX).is_empty());
    assert_eq!(s.at(6).len(), 1);
}

/// An empty selection (a click, or a drag that has not moved) snaps to nothing; it used to
/// give the left half of the word under it.
#[test]
fn snapping_an_empty_range_selects_nothing() {
    let inside = TEXT.find("eleased").unwrap();
    assert_eq!(snap_to_words(TEXT, inside..inside), inside..inside);
    let in_char = TEXT.find('č').unwrap() + 1; // inside the two bytes of 'č'
    let floor = in_char - 1;
    assert_eq!(snap_to_words(TEXT, in_char..in_char), floor..floor);
}

/// A whitespace-only selection gives an empty range at its start, as documented (it used to
/// be at its end).
#[test]
fn snapping_whitespace_gives_an_empty_range_at_the_start() {
    let text = "a    b";
    assert_eq!(snap_to_words(text, 2..4), 2..2);
    assert_eq!(snap_to_words(text, Range { start: 4, end: 2 }), 2..2);
}
