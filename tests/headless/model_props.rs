//! Property tests of the model: random edit sequences undo back to the start (directly and
//! through `History`), failed edits change nothing, byte <-> code point conversions round-trip
//! on any Unicode text, word snapping never panics or splits a character, and the interval
//! queries agree with a naive scan.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use factmark::model::words::{
    ceil_boundary, floor_boundary, snap_to_words, trim_whitespace, word_at,
};
use factmark::model::{
    Annotation, AnnotationId, Article, Body, Edit, EditGroup, Field, History, OffsetMap, Rejection,
    Selection, Session, Span, Tag, Unit,
};
use proptest::prelude::*;
use proptest::sample::Index;

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Words in the scripts the design names: accents, dashes, emoji (with ZWJ), Cyrillic, CJK,
/// combining marks, digits and punctuation.
const WORDS: &[&str] = &[
    "Belarus",
    "released",
    "14",
    "50,000",
    "č",
    "Viačorka",
    "—",
    "🙂",
    "👩‍👩‍👧",
    "Минск",
    "сказал",
    "北京",
    "東京都",
    "e\u{301}",
    "n\u{303}o",
    "\u{301}",
    "\"quoted\"",
    "«ёлка»",
    ",",
    ".",
    "x",
];

/// Whitespace, including line endings, tabs and non-ASCII spaces.
const SPACES: &[&str] = &[
    " ", "  ", "\n", "\r\n", "\t", "\u{a0}", "\u{3000}", "\u{2003}",
];

/// Characters used to build arbitrary strings for the offset and word properties.
const CHARS: &[char] = &[
    'a', 'Z', '7', ' ', '\n', '\t', ',', '.', '-', 'č', 'Ž', 'é', '—', '“', '”', '🙂', '🇨', '🇿',
    '\u{200d}', 'Я', 'ж', '北', '京', '語', '\u{301}', '\u{303}', '\u{93f}', 'क', '\u{a0}',
    '\u{3000}', '\u{feff}',
];

/// Article-like text: words and whitespace from the lists above, plus arbitrary printable
/// Unicode.
fn article_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        5 => prop::sample::select(WORDS).prop_map(str::to_owned),
        3 => prop::sample::select(SPACES).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ];
    prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

/// Any Unicode text: arbitrary printable strings, strings of the interesting characters, and
/// article-like text.
fn unicode_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,200}",
        prop::collection::vec(prop::sample::select(CHARS), 0..300)
            .prop_map(|chars| chars.into_iter().collect()),
        article_text(),
    ]
}

fn tag() -> impl Strategy<Value = Tag> {
    prop::sample::select(Tag::ALL.to_vec())
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\PC{0,12}",
        Just("line one\nline two — č 🙂".to_owned()),
    ]
}

/// Which annotation an edit targets, resolved against the session when it is applied.
#[derive(Clone, Debug)]
enum IdRef {
    /// One of the annotations present (or an unknown id when there are none).
    Existing(Index),
    /// An id that has never been used.
    Fresh,
    /// A small literal id: sometimes present, sometimes not.
    Raw(u64),
}

/// A span, resolved against the article text when the edit is applied.
#[derive(Clone, Debug)]
enum SpanRef {
    /// Two `char` boundaries (possibly reversed, empty or covering only whitespace).
    Boundaries(Index, Index),
    /// Two arbitrary byte offsets up to a little past the end (often splitting a character).
    Raw(Index, Index),
    /// A random range snapped to words, as a drag selection would be (valid unless blank).
    Snapped(Index, Index),
}

/// An edit before its ids and offsets are resolved.
#[derive(Clone, Debug)]
enum Op {
    Add {
        id: IdRef,
        tag: Tag,
        span: SpanRef,
        note: String,
    },
    Remove(IdRef),
    SetTag(IdRef, Tag),
    SetNote(IdRef, String),
    SetSpan(IdRef, SpanRef),
    /// Reject a suggestion of this tag over this span (sometimes one already rejected).
    Reject(Tag, SpanRef),
    /// Forget one of the rejections present, or one that is not there.
    Unreject(Option<Index>, Tag, SpanRef),
    Batch(Vec<Op>),
}

fn id_ref() -> impl Strategy<Value = IdRef> {
    prop_oneof![
        6 => any::<Index>().prop_map(IdRef::Existing),
        2 => Just(IdRef::Fresh),
        1 => (0u64..8).prop_map(IdRef::Raw),
    ]
}

fn span_ref() -> impl Strategy<Value = SpanRef> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| SpanRef::Boundaries(a, b)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| SpanRef::Raw(a, b)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| SpanRef::Snapped(a, b)),
    ]
}

/// Ids for new annotations: mostly unused ones, sometimes a duplicate.
fn new_id_ref() -> impl Strategy<Value = IdRef> {
    prop_oneof![
        6 => Just(IdRef::Fresh),
        1 => any::<Index>().prop_map(IdRef::Existing),
        1 => (0u64..8).prop_map(IdRef::Raw),
    ]
}

fn leaf_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        7 => (new_id_ref(), tag(), span_ref(), note())
            .prop_map(|(id, tag, span, note)| Op::Add { id, tag, span, note }),
        2 => id_ref().prop_map(Op::Remove),
        2 => (id_ref(), tag()).prop_map(|(id, tag)| Op::SetTag(id, tag)),
        3 => (id_ref(), note()).prop_map(|(id, note)| Op::SetNote(id, note)),
        2 => (id_ref(), span_ref()).prop_map(|(id, span)| Op::SetSpan(id, span)),
        2 => (tag(), span_ref()).prop_map(|(tag, span)| Op::Reject(tag, span)),
        1 => (prop::option::of(any::<Index>()), tag(), span_ref())
            .prop_map(|(existing, tag, span)| Op::Unreject(existing, tag, span)),
    ]
}

fn batch() -> impl Strategy<Value = Op> {
    prop::collection::vec(leaf_op(), 0..4).prop_map(Op::Batch)
}

/// Mostly single edits; some batches, a few nested ones.
fn op() -> impl Strategy<Value = Op> {
    let nested =
        prop::collection::vec(prop_oneof![3 => leaf_op(), 1 => batch()], 0..4).prop_map(Op::Batch);
    prop_oneof![
        10 => leaf_op(),
        2 => batch(),
        1 => nested,
    ]
}

/// The id `Session::add_edit` would hand out next.
fn next_id(session: &Session) -> u64 {
    match session.add_edit(Tag::Claim, Span::new(0, 0)) {
        Edit::Add(annotation) => annotation.id.0,
        other => panic!("add_edit returned {other:?}"),
    }
}

/// Turns an [`Op`] into a concrete [`Edit`] against the session's current state.
fn resolve(op: &Op, session: &Session) -> Edit {
    let mut fresh = next_id(session);
    resolve_with(op, session, &mut fresh)
}

fn resolve_with(op: &Op, session: &Session, fresh: &mut u64) -> Edit {
    match op {
        Op::Add {
            id,
            tag,
            span,
            note,
        } => Edit::Add(Annotation {
            id: resolve_id(id, session, fresh),
            span: resolve_span(span, session.article().text()),
            body: std::sync::Arc::new(Body {
                note: note.clone(),
                ..Body::new(*tag)
            }),
        }),
        Op::Remove(id) => Edit::Remove(resolve_id(id, session, fresh)),
        Op::SetTag(id, tag) => Edit::Set {
            id: resolve_id(id, session, fresh),
            field: Field::Tag(*tag),
        },
        Op::SetNote(id, note) => Edit::Set {
            id: resolve_id(id, session, fresh),
            field: Field::Note(note.clone()),
        },
        Op::SetSpan(id, span) => Edit::SetSpan {
            id: resolve_id(id, session, fresh),
            span: resolve_span(span, session.article().text()),
        },
        Op::Reject(tag, span) => Edit::Reject(Rejection::new(
            *tag,
            resolve_span(span, session.article().text()),
        )),
        Op::Unreject(existing, tag, span) => {
            let rejections = session.rejections();
            Edit::Unreject(match existing {
                Some(index) if !rejections.is_empty() => rejections[index.index(rejections.len())],
                _ => Rejection::new(*tag, resolve_span(span, session.article().text())),
            })
        }
        Op::Batch(ops) => Edit::Batch(
            ops.iter()
                .map(|op| resolve_with(op, session, fresh))
                .collect(),
        ),
    }
}

fn resolve_id(id: &IdRef, session: &Session, fresh: &mut u64) -> AnnotationId {
    match id {
        IdRef::Existing(index) => {
            let annotations = session.annotations();
            if annotations.is_empty() {
                AnnotationId(999)
            } else {
                annotations[index.index(annotations.len())].id
            }
        }
        IdRef::Fresh => {
            let id = AnnotationId(*fresh);
            *fresh += 1;
            id
        }
        IdRef::Raw(raw) => AnnotationId(*raw),
    }
}

fn char_boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn resolve_span(span: &SpanRef, text: &str) -> Span {
    let boundaries = char_boundaries(text);
    let boundary = |index: &Index| boundaries[index.index(boundaries.len())];
    match span {
        SpanRef::Boundaries(a, b) => Span::new(boundary(a), boundary(b)),
        SpanRef::Raw(a, b) => Span::new(a.index(text.len() + 8), b.index(text.len() + 8)),
        SpanRef::Snapped(a, b) => snap_to_words(text, boundary(a)..boundary(b)).into(),
    }
}

fn session_of(text: &str) -> Session {
    Session::new(Arc::new(Article::new("Props", None, text)))
}

/// A session built by applying random ops (the failures are simply skipped).
fn random_session(text: &str, ops: &[Op]) -> Session {
    let mut session = session_of(text);
    for op in ops {
        let edit = resolve(op, &session);
        let _ = session.apply(edit);
    }
    session
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// Everything that must hold of any session: document order, unique ids, valid non-blank
/// spans, and per-tag counts that match the annotations.
fn check_invariants(session: &Session) -> Result<(), TestCaseError> {
    let text = session.article().text();
    let annotations = session.annotations();
    for pair in annotations.windows(2) {
        prop_assert!(
            pair[0].order_key() < pair[1].order_key(),
            "not in document order: {:?} then {:?}",
            pair[0],
            pair[1]
        );
    }
    let ids: HashSet<AnnotationId> = annotations.iter().map(|a| a.id).collect();
    prop_assert_eq!(ids.len(), annotations.len(), "duplicate ids");
    let mut counts = [0; 3];
    for annotation in annotations {
        counts[annotation.body.tag.index()] += 1;
        let slice = annotation.span.slice(text);
        prop_assert!(
            slice.is_some_and(|s| !s.trim().is_empty()),
            "invalid span {:?} in {:?}",
            annotation.span,
            text
        );
        prop_assert_eq!(session.get(annotation.id), Some(annotation));
    }
    prop_assert_eq!(session.counts(), counts);
    let rejections = session.rejections();
    prop_assert!(
        rejections.windows(2).all(|pair| pair[0] < pair[1]),
        "rejections not sorted or repeated: {:?}",
        rejections
    );
    for rejection in rejections {
        prop_assert!(
            rejection
                .span
                .slice(text)
                .is_some_and(|s| !s.trim().is_empty())
        );
        prop_assert!(session.is_rejected(rejection.tag, rejection.span));
    }
    Ok(())
}

/// Asserts two sessions are the same in every observable way the model promises.
fn check_same(actual: &Session, expected: &Session) -> Result<(), TestCaseError> {
    prop_assert_eq!(actual.annotations(), expected.annotations());
    prop_assert_eq!(actual.counts(), expected.counts());
    prop_assert_eq!(actual.rejections(), expected.rejections());
    prop_assert!(actual == expected);
    Ok(())
}

/// Applies `edit`; on failure checks that nothing changed, on success that the revision went
/// up by one and the invariants hold. Returns the inverse on success.
fn apply_checked(session: &mut Session, edit: &Edit) -> Result<Option<Edit>, TestCaseError> {
    let before = session.clone();
    match session.apply(edit.clone()) {
        Ok(inverse) => {
            prop_assert_eq!(session.revision(), before.revision() + 1);
            check_invariants(session)?;
            Ok(Some(inverse))
        }
        Err(error) => {
            check_same(session, &before)
                .map_err(|e| TestCaseError::fail(format!("{edit:?} failed ({error}): {e}")))?;
            prop_assert_eq!(session.revision(), before.revision());
            // The bookkeeping behind the queries must still be right after a rollback.
            check_queries(session, 0..session.article().text().len() + 1)?;
            Ok(None)
        }
    }
}

/// The naive definition of "shares at least one byte with `range`".
fn shares_a_byte(span: Span, range: &Range<usize>) -> bool {
    span.start.max(range.start) < span.end.min(range.end)
}

fn check_queries(session: &Session, range: Range<usize>) -> Result<(), TestCaseError> {
    let fast: Vec<AnnotationId> = session.overlapping(range.clone()).map(|a| a.id).collect();
    let naive: Vec<AnnotationId> = session
        .annotations()
        .iter()
        .filter(|a| shares_a_byte(a.span, &range))
        .map(|a| a.id)
        .collect();
    prop_assert_eq!(fast, naive, "overlapping({:?})", range);
    Ok(())
}

fn check_at(session: &Session, offset: usize) -> Result<(), TestCaseError> {
    let fast: Vec<AnnotationId> = session.at(offset).iter().map(|a| a.id).collect();
    let mut naive: Vec<&Annotation> = session
        .annotations()
        .iter()
        .filter(|a| a.span.start <= offset && offset < a.span.end)
        .collect();
    naive.sort_by_key(|a| (a.span.end - a.span.start, a.span.start, a.id));
    let naive: Vec<AnnotationId> = naive.iter().map(|a| a.id).collect();
    prop_assert_eq!(fast, naive, "at({})", offset);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Edit / undo properties
// ---------------------------------------------------------------------------------------------

/// A step of a history script.
#[derive(Clone, Debug)]
enum Step {
    /// Apply an edit, optionally as part of a burst.
    Apply(Op, Option<u64>),
    /// End the open burst (focus left the note field).
    Close,
}

/// Steps with frequent grouped note edits, so bursts actually form.
fn step() -> impl Strategy<Value = Step> {
    let group = prop::option::weighted(0.6, 0u64..2);
    prop_oneof![
        4 => (op(), prop::option::weighted(0.2, 0u64..2)).prop_map(|(op, g)| Step::Apply(op, g)),
        4 => (id_ref(), note(), group).prop_map(|(id, note, g)| Step::Apply(Op::SetNote(id, note), g)),
        1 => Just(Step::Close),
    ]
}

/// A script step that also undoes, redoes and saves.
#[derive(Clone, Debug)]
enum Action {
    Step(Step),
    Undo,
    Redo,
    Save,
    /// A save on a worker starts (editing goes on meanwhile).
    BeginSave,
    /// That save ends: written, or failed.
    FinishSave(bool),
}

/// What the analyst has selected when an action happens (ids and spans need not exist: the
/// history only records and returns them).
fn selection() -> impl Strategy<Value = Selection> {
    (
        prop::option::of(0u64..6),
        prop::option::of((0usize..20, 0usize..20)),
    )
        .prop_map(|(id, span)| Selection {
            annotation: id.map(AnnotationId),
            text: span.map(|(a, b)| Span::new(a.min(b), a.max(b))),
        })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => step().prop_map(Action::Step),
        2 => Just(Action::Undo),
        1 => Just(Action::Redo),
        1 => Just(Action::Save),
        1 => Just(Action::BeginSave),
        1 => any::<bool>().prop_map(Action::FinishSave),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random edits, many invalid, then every returned inverse in reverse order gives back
    /// the start; re-applying the inverses' inverses gives back the end.
    #[test]
    fn inverses_in_reverse_restore_the_start(
        text in article_text(),
        setup in prop::collection::vec(op(), 0..16),
        ops in prop::collection::vec(op(), 1..30),
    ) {
        let mut session = random_session(&text, &setup);
        let start = session.clone();
        check_invariants(&start)?;
        let mut inverses = Vec::new();
        for op in &ops {
            let edit = resolve(op, &session);
            if let Some(inverse) = apply_checked(&mut session, &edit)? {
                inverses.push(inverse);
            }
        }
        let end = session.clone();
        let mut redos = Vec::new();
        for inverse in inverses.into_iter().rev() {
            let redo = apply_checked(&mut session, &inverse)?;
            prop_assert!(redo.is_some(), "inverse {:?} failed", inverse);
            redos.extend(redo);
        }
        check_same(&session, &start)?;
        check_queries(&session, 0..text.len() + 1)?;
        for redo in redos.into_iter().rev() {
            prop_assert!(apply_checked(&mut session, &redo)?.is_some());
        }
        check_same(&session, &end)?;
    }

    /// The session's journal of body changes agrees with snapshots: when it names ids since a
    /// revision, the two sessions hold the same annotations in the same places and order, and
    /// the same orphans, and differ at most in the bodies of those ids; and it answers (rather
    /// than saying "cannot tell") exactly when every edit since changed bodies alone.
    #[test]
    fn the_body_journal_names_every_body_change(
        text in article_text(),
        setup in prop::collection::vec(op(), 0..16),
        ops in prop::collection::vec(op(), 1..30),
    ) {
        let mut session = random_session(&text, &setup);
        // (revision, snapshot, did every later edit change bodies alone?)
        let mut snapshots = vec![(session.revision(), session.clone())];
        let mut body_only_after = vec![true];
        for op in &ops {
            let edit = resolve(op, &session);
            if apply_checked(&mut session, &edit)?.is_some() {
                let body_only = edit.bodies_only().is_some();
                for flag in &mut body_only_after {
                    *flag &= body_only;
                }
                snapshots.push((session.revision(), session.clone()));
                body_only_after.push(true);
            }
        }
        for ((revision, before), body_only) in snapshots.iter().zip(&body_only_after) {
            let answer = session.bodies_changed_since(*revision);
            prop_assert_eq!(answer.is_some(), *body_only, "since revision {}", revision);
            let Some(ids) = answer else { continue };
            prop_assert_eq!(session.annotations().len(), before.annotations().len());
            for (now, then) in session.annotations().iter().zip(before.annotations()) {
                prop_assert_eq!(now.id, then.id);
                prop_assert_eq!(now.span, then.span);
                if !ids.contains(&now.id) {
                    prop_assert_eq!(&now.body, &then.body);
                }
            }
            prop_assert_eq!(session.orphans().len(), before.orphans().len());
            for (now, then) in session.orphans().iter().zip(before.orphans()) {
                prop_assert_eq!(now.id, then.id);
                prop_assert_eq!(&now.quote, &then.quote);
                if !ids.contains(&now.id) {
                    prop_assert_eq!(&now.body, &then.body);
                }
            }
        }
    }

    /// An edit that fails (unknown or duplicate id, bad span, a batch with a bad tail) leaves
    /// the session exactly as it was, revision included.
    #[test]
    fn failed_edits_change_nothing(
        text in article_text(),
        setup in prop::collection::vec(op(), 0..10),
        good in prop::collection::vec(leaf_op(), 0..6),
        bad_id in 1_000_000u64..1_000_010,
        bad_span in (any::<Index>(), any::<Index>()),
    ) {
        let mut session = random_session(&text, &setup);
        let mut edits: Vec<Edit> = good.iter().map(|op| resolve(op, &session)).collect();
        // Make the batch unappliable at its end, after the good edits have been applied.
        edits.push(Edit::Remove(AnnotationId(bad_id)));
        let len = text.len();
        let (a, b) = (bad_span.0.index(len + 8), bad_span.1.index(len + 8));
        let invalid = [
            Edit::Batch(edits),
            Edit::Remove(AnnotationId(bad_id)),
            Edit::Set { id: AnnotationId(bad_id), field: Field::Tag(Tag::Quote) },
            Edit::Set { id: AnnotationId(bad_id), field: Field::Note("x".to_owned()) },
            Edit::Add(Annotation {
                id: AnnotationId(next_id(&session)),
                span: Span::new(a.max(b), a.min(b)),
                body: Body::new(Tag::Claim).into(),
            }),
            Edit::Add(Annotation {
                id: AnnotationId(next_id(&session)),
                span: Span::new(len, len + 1 + a),
                body: Body::new(Tag::Claim).into(),
            }),
        ];
        for edit in invalid {
            prop_assert!(apply_checked(&mut session, &edit)?.is_none(), "{:?} applied", edit);
        }
        if let Some(existing) = session.annotations().first().cloned() {
            let mut duplicate = existing.clone();
            std::sync::Arc::make_mut(&mut duplicate.body).note = "dup".to_owned();
            let duplicate = Edit::Add(duplicate);
            prop_assert!(apply_checked(&mut session, &duplicate)?.is_none());
            let blank = text.find(char::is_whitespace).map(|i| {
                let w = text[i..].chars().next().map_or(1, char::len_utf8);
                Span::new(i, i + w)
            });
            if let Some(blank) = blank {
                let edit = Edit::SetSpan { id: existing.id, span: blank };
                prop_assert!(apply_checked(&mut session, &edit)?.is_none());
            }
        }
    }

    /// Through `History`: N edits (with grouped note bursts), undo everything gives the start
    /// and a clean state; redo everything gives the end.
    #[test]
    fn history_undo_all_then_redo_all(
        text in article_text(),
        setup in prop::collection::vec(op(), 0..16),
        steps in prop::collection::vec(step(), 1..30),
    ) {
        let mut session = random_session(&text, &setup);
        let start = session.clone();
        let mut history = History::new();
        prop_assert!(!history.is_dirty());
        for step in &steps {
            match step {
                Step::Apply(op, group) => {
                    let edit = resolve(op, &session);
                    let before = session.clone();
                    let could_undo = history.can_undo();
                    if history
                        .apply(&mut session, edit, group.map(EditGroup), Selection::default())
                        .is_err()
                    {
                        check_same(&session, &before)?;
                        prop_assert_eq!(session.revision(), before.revision());
                        prop_assert_eq!(history.can_undo(), could_undo);
                    } else {
                        check_invariants(&session)?;
                    }
                }
                Step::Close => history.close_group(),
            }
        }
        let end = session.clone();
        prop_assert_eq!(history.is_dirty(), history.can_undo());
        let mut undone = 0;
        while let Some(result) = history.undo(&mut session, Selection::default()) {
            prop_assert!(result.is_ok(), "undo failed: {:?}", result);
            check_invariants(&session)?;
            undone += 1;
            prop_assert!(undone <= steps.len(), "more undo steps than edits");
        }
        check_same(&session, &start)?;
        prop_assert!(!history.is_dirty());
        prop_assert!(!history.can_undo());
        let mut redone = 0;
        while let Some(result) = history.redo(&mut session, Selection::default()) {
            prop_assert!(result.is_ok(), "redo failed: {:?}", result);
            redone += 1;
        }
        prop_assert_eq!(redone, undone);
        check_same(&session, &end)?;
        prop_assert_eq!(history.is_dirty(), undone > 0);
    }

    /// Interleaved edits, bursts, undo, redo and saves (at once, or on a worker while editing
    /// goes on) agree with a reference model that keeps whole snapshots: every undo/redo lands on the snapshot the model predicts and returns
    /// the selection it predicts (from before the step, or from when it was undone), and the
    /// dirty flag matches (in particular, "clean" always means "equal to what was saved").
    #[test]
    fn history_matches_snapshot_model(
        text in article_text(),
        setup in prop::collection::vec(op(), 0..16),
        actions in prop::collection::vec((action(), selection()), 1..40),
    ) {
        let mut session = random_session(&text, &setup);
        let mut history = History::new();
        // Reference: states (and selections) before each undo step, states after each undone
        // step (with the selection when it was undone).
        let mut undo: Vec<(Session, Selection)> = Vec::new();
        let mut redo: Vec<(Session, Selection)> = Vec::new();
        let mut open_group: Option<u64> = None;
        // Position in the timeline (undo depth) whose state is on disk, if still reachable.
        let mut saved_depth: Option<usize> = Some(0);
        let mut saved = session.clone();
        // The save running on a worker: the depth it writes (if still reachable), and the
        // state it writes.
        let mut saving: Option<(Option<usize>, Session)> = None;
        for (action, selected) in &actions {
            let selected = *selected;
            match action {
                Action::Step(Step::Apply(op, group)) => {
                    let edit = resolve(op, &session);
                    let before = session.clone();
                    if history.apply(&mut session, edit, group.map(EditGroup), selected).is_ok() {
                        redo.clear();
                        if saved_depth.is_some_and(|d| d > undo.len()) {
                            saved_depth = None;
                        }
                        let joins = group.is_some() && *group == open_group && !undo.is_empty();
                        if let Some((depth, _)) = &mut saving
                            && depth.is_some_and(|d| d > undo.len() || (joins && d == undo.len()))
                        {
                            *depth = None;
                        }
                        if joins {
                            if saved_depth == Some(undo.len()) {
                                saved_depth = None;
                            }
                        } else {
                            undo.push((before, selected));
                        }
                        open_group = *group;
                    } else {
                        check_same(&session, &before)?;
                    }
                }
                Action::Step(Step::Close) => {
                    history.close_group();
                    open_group = None;
                }
                Action::Undo => {
                    let before = session.clone();
                    let result = history.undo(&mut session, selected);
                    match undo.pop() {
                        Some((expected, was_selected)) => {
                            open_group = None;
                            prop_assert!(matches!(result, Some(Ok(_))), "undo gave {:?}", result);
                            if let Some(Ok(step)) = &result {
                                prop_assert_eq!(step.selection, was_selected);
                            }
                            redo.push((before, selected));
                            check_same(&session, &expected)?;
                        }
                        None => prop_assert!(result.is_none()),
                    }
                }
                Action::Redo => {
                    let before = session.clone();
                    let result = history.redo(&mut session, selected);
                    match redo.pop() {
                        Some((expected, was_selected)) => {
                            open_group = None;
                            prop_assert!(matches!(result, Some(Ok(_))), "redo gave {:?}", result);
                            if let Some(Ok(step)) = &result {
                                prop_assert_eq!(step.selection, was_selected);
                            }
                            undo.push((before, selected));
                            check_same(&session, &expected)?;
                        }
                        None => prop_assert!(result.is_none()),
                    }
                }
                Action::Save => {
                    history.mark_saved();
                    open_group = None;
                    saved_depth = Some(undo.len());
                    saved = session.clone();
                    saving = None;
                }
                Action::BeginSave => {
                    history.begin_save();
                    open_group = None;
                    saving = Some((Some(undo.len()), session.clone()));
                }
                Action::FinishSave(written) => {
                    history.finish_save(*written);
                    if let Some((depth, state)) = saving.take()
                        && *written
                    {
                        saved_depth = depth;
                        saved = state;
                    } else if *written {
                        // No save was running: nothing of this history is known to be on disk.
                        saved_depth = None;
                    }
                }
            }
            check_invariants(&session)?;
            prop_assert_eq!(history.can_undo(), !undo.is_empty());
            prop_assert_eq!(history.can_redo(), !redo.is_empty());
            prop_assert_eq!(history.is_dirty(), saved_depth != Some(undo.len()));
            if !history.is_dirty() {
                check_same(&session, &saved)?;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Offsets
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Code point <-> byte conversions agree with `char_indices` and round-trip; offsets that
    /// are not on a char boundary, or past the end, give `None`.
    #[test]
    fn offsets_round_trip(text in unicode_text(), past in 1usize..5) {
        let map = OffsetMap::new(&text);
        let article = Article::new("t", None, text.clone());
        let boundaries = char_boundaries(&text);
        let char_count = text.chars().count();
        prop_assert_eq!(map.char_count(), char_count);
        prop_assert_eq!(boundaries.len(), char_count + 1);
        for (char_index, &byte) in boundaries.iter().enumerate() {
            prop_assert_eq!(map.char_to_byte(&text, char_index), Some(byte));
            prop_assert_eq!(map.byte_to_char(&text, byte), Some(char_index));
            prop_assert_eq!(article.byte_of_char(char_index), Some(byte));
            prop_assert_eq!(article.char_of_byte(byte), Some(char_index));
        }
        prop_assert_eq!(map.char_to_byte(&text, char_count + past), None);
        prop_assert_eq!(map.char_to_byte(&text, usize::MAX), None);
        for byte in 0..=text.len() + past {
            let expected = boundaries.binary_search(&byte).ok();
            prop_assert_eq!(map.byte_to_char(&text, byte), expected, "byte {}", byte);
            if let Some(char_index) = expected {
                prop_assert_eq!(map.char_to_byte(&text, char_index), Some(byte));
            }
        }
        prop_assert_eq!(map.byte_to_char(&text, usize::MAX), None);
    }

    /// UTF-16 conversions agree with Rust's own UTF-16 encoding and round-trip through every
    /// unit; an offset between the halves of a surrogate pair, or past the end, gives `None`.
    /// On emoji, flags, combining marks, Cyrillic, CJK and `\r\n` line ends alike.
    #[test]
    fn utf16_offsets_round_trip(
        text in prop_oneof![unicode_text(), unicode_text().prop_map(|t| t.replace('\n', "\r\n"))],
        past in 1usize..5,
    ) {
        let map = OffsetMap::new(&text);
        let mut utf16_at_boundary = std::collections::BTreeMap::new();
        let mut units = 0;
        for (byte, c) in text.char_indices() {
            utf16_at_boundary.insert(units, byte);
            prop_assert_eq!(map.byte_to_utf16(&text, byte), Some(units));
            units += c.len_utf16();
        }
        utf16_at_boundary.insert(units, text.len());
        prop_assert_eq!(map.utf16_len(), text.encode_utf16().count());
        for unit in 0..=units + past {
            let expected = utf16_at_boundary.get(&unit).copied();
            prop_assert_eq!(map.utf16_to_byte(&text, unit), expected, "unit {}", unit);
        }
        for (&unit, &byte) in &utf16_at_boundary {
            for kind in [Unit::Byte, Unit::CodePoint, Unit::Utf16] {
                let there = map.from_byte(&text, byte, kind);
                prop_assert!(there.is_some());
                prop_assert_eq!(map.to_byte(&text, there.unwrap(), kind), Some(byte));
            }
            prop_assert_eq!(map.from_byte(&text, byte, Unit::Utf16), Some(unit));
        }
    }

    /// `floor_boundary` / `ceil_boundary` give the nearest boundaries around any offset.
    #[test]
    fn boundaries_are_nearest(text in unicode_text(), offset in any::<Index>()) {
        let boundaries = char_boundaries(&text);
        let offset = offset.index(text.len() + 8);
        let floor = floor_boundary(&text, offset);
        let ceil = ceil_boundary(&text, offset);
        let clamped = offset.min(text.len());
        prop_assert_eq!(floor, *boundaries.iter().rev().find(|&&b| b <= clamped).unwrap());
        prop_assert_eq!(ceil, *boundaries.iter().find(|&&b| b >= clamped).unwrap());
    }
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// Ranges of every shape: on boundaries, inside characters, reversed, empty, past the end.
fn any_range(len: usize, a: &Index, b: &Index, huge: bool) -> Range<usize> {
    let (a, b) = (a.index(len + 8), b.index(len + 8));
    if huge { a..usize::MAX } else { a..b }
}

fn check_snap(text: &str, range: Range<usize>) -> Result<(), TestCaseError> {
    let snapped = snap_to_words(text, range.clone());
    prop_assert!(snapped.start <= snapped.end, "{:?} -> {:?}", range, snapped);
    prop_assert!(snapped.end <= text.len());
    prop_assert!(text.is_char_boundary(snapped.start) && text.is_char_boundary(snapped.end));
    let result = &text[snapped.clone()];
    prop_assert_eq!(result, result.trim(), "untrimmed result of {:?}", range);
    // The selection as given, normalised: ordered, clamped, widened to whole characters.
    let (lo, hi) = (range.start.min(range.end), range.start.max(range.end));
    let lo = floor_boundary(text, lo);
    let hi = ceil_boundary(text, hi);
    let selected = &text[lo..hi];
    if range.start == range.end || lo == hi {
        prop_assert_eq!(snapped.clone(), lo..lo, "empty selection {:?}", range);
    } else if selected.trim().is_empty() {
        if snapped.is_empty() {
            prop_assert_eq!(snapped.clone(), lo..lo, "blank selection {:?}", range);
        }
    } else {
        let leading = selected.len() - selected.trim_start().len();
        let core = lo + leading..lo + leading + selected.trim().len();
        prop_assert!(
            snapped.start <= core.start && core.end <= snapped.end,
            "{:?} (core {:?}) snapped to {:?}, which does not contain it",
            range,
            core,
            snapped
        );
    }
    // Within one segmentation window (512 bytes), the ends never cut a word in half. (A
    // "word" can start with whitespace when a combining letter follows a space, so compare
    // with the word's trimmed extent.)
    if text.len() <= 512 && !snapped.is_empty() {
        if let Some(first) = word_at(text, snapped.start).map(|w| trim_whitespace(text, w)) {
            prop_assert!(
                first.start >= snapped.start,
                "{:?} starts inside {:?}",
                snapped,
                first
            );
        }
        if let Some(last) = word_at(text, snapped.end - 1).map(|w| trim_whitespace(text, w)) {
            prop_assert!(
                last.end <= snapped.end,
                "{:?} ends inside {:?}",
                snapped,
                last
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Snapping any range never panics, stays on char boundaries, trims whitespace and only
    /// ever widens the (trimmed) selection.
    #[test]
    fn snap_to_words_only_widens(
        text in unicode_text(),
        a in any::<Index>(),
        b in any::<Index>(),
        huge in prop::bool::weighted(0.05),
    ) {
        check_snap(&text, any_range(text.len(), &a, &b, huge))?;
        check_snap(&text, Range { start: usize::MAX, end: 0 })?;
    }

    /// The same on text longer than the segmentation window, with words longer than it.
    #[test]
    fn snap_to_words_on_long_text(
        parts in prop::collection::vec(
            prop_oneof![
                "[a-zčя北]{1,700}",
                prop::sample::select(SPACES).prop_map(str::to_owned),
                prop::sample::select(WORDS).prop_map(str::to_owned),
            ],
            1..12,
        ),
        ranges in prop::collection::vec((any::<Index>(), any::<Index>()), 1..8),
    ) {
        let text = parts.concat();
        for (a, b) in &ranges {
            check_snap(&text, any_range(text.len(), a, b, false))?;
            let offset = a.index(text.len() + 8);
            check_word_at(&text, offset)?;
        }
    }

    /// `word_at` never panics; a word it finds contains the offset, lies on char boundaries
    /// and has a letter or digit; an offset on a letter or digit always finds a word.
    #[test]
    fn word_at_contains_offset(text in unicode_text(), offsets in prop::collection::vec(any::<Index>(), 1..16)) {
        for offset in &offsets {
            check_word_at(&text, offset.index(text.len() + 8))?;
        }
        check_word_at(&text, usize::MAX)?;
    }
}

fn check_word_at(text: &str, offset: usize) -> Result<(), TestCaseError> {
    let word = word_at(text, offset);
    if let Some(word) = word.clone() {
        prop_assert!(
            word.start <= offset && offset < word.end,
            "{offset} not in {word:?}"
        );
        prop_assert!(word.end <= text.len());
        prop_assert!(text.is_char_boundary(word.start) && text.is_char_boundary(word.end));
        prop_assert!(text[word].chars().any(char::is_alphanumeric));
    }
    if offset < text.len() {
        let at = floor_boundary(text, offset);
        let c = text[at..].chars().next().unwrap();
        if c.is_alphanumeric() {
            prop_assert!(word.is_some(), "no word at {} ({:?})", offset, c);
        }
    } else {
        prop_assert!(word.is_none());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Interval queries
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `overlapping` and `at` agree with a naive scan of all annotations, for any range
    /// (including empty, reversed and out-of-range ones) and any offset, also after removals
    /// and moves.
    #[test]
    fn queries_match_naive_scan(
        text in article_text(),
        ops in prop::collection::vec(op(), 0..40),
        queries in prop::collection::vec((any::<Index>(), any::<Index>()), 1..24),
    ) {
        let session = random_session(&text, &ops);
        check_invariants(&session)?;
        let len = text.len();
        for (a, b) in &queries {
            let (a, b) = (a.index(len + 8), b.index(len + 8));
            check_queries(&session, a..b)?;
            check_queries(&session, a.min(b)..a.max(b))?;
            check_at(&session, a)?;
        }
        check_queries(&session, 0..usize::MAX)?;
        check_at(&session, usize::MAX)?;
        for offset in 0..=len {
            check_at(&session, offset)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Adjusting a span's ends (Shift+Arrow)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Moving an end of any span of any text never panics, never empties the span, stays on
    /// char boundaries inside the text, moves only the end it was asked to, in the direction
    /// asked; and a character step to the right followed by one to the left comes back.
    #[test]
    fn adjusting_an_end_keeps_a_valid_span_and_moves_only_that_end(
        text in unicode_text(),
        a in any::<Index>(),
        b in any::<Index>(),
        edge_is_end in any::<bool>(),
        by_word in any::<bool>(),
        forward in any::<bool>(),
    ) {
        use factmark::model::adjust::{Adjust, Edge, Unit, adjust};
        let (a, b) = (a.index(text.len() + 1), b.index(text.len() + 1));
        let span = Span::new(floor_boundary(&text, a.min(b)), ceil_boundary(&text, a.max(b)));
        let how = Adjust {
            edge: if edge_is_end { Edge::End } else { Edge::Start },
            unit: if by_word { Unit::Word } else { Unit::Character },
            forward,
        };
        if let Some(moved) = adjust(&text, span, how) {
            prop_assert!(moved.start < moved.end && moved.end <= text.len());
            prop_assert!(text.is_char_boundary(moved.start) && text.is_char_boundary(moved.end));
            let (fixed, old, new) = if edge_is_end {
                (moved.start == span.start, span.end, moved.end)
            } else {
                (moved.end == span.end, span.start, moved.start)
            };
            prop_assert!(fixed, "{:?} -> {:?}", span, moved);
            prop_assert_eq!(new > old, forward, "{:?} -> {:?}", span, moved);
            // From a cluster boundary (not inside 👩‍👩‍👧, where the first step snaps out).
            let on_cluster_boundary = {
                use unicode_segmentation::UnicodeSegmentation as _;
                span.end == text.len()
                    || text.grapheme_indices(true).any(|(i, _)| i == span.end)
            };
            if !by_word && edge_is_end && forward && on_cluster_boundary {
                let back = Adjust { forward: false, ..how };
                let returned = adjust(&text, moved, back);
                prop_assert_eq!(returned, Some(span));
            }
        }
    }
}
