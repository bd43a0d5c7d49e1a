//! A session: one article, the annotations over it, and the orphans that lost their place
//! when the article changed. `Session::apply` is the only mutation.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::interval::Derived;
use super::{
    Annotation, AnnotationId, Article, ArticleDetails, Body, Edit, EditError, Field, Orphan, Scale,
    ScaleKind, Scales, Span, Status, Tag,
};

/// An article and its annotations, kept in document order (see [`Annotation::order_key`]),
/// plus orphans (annotations re-anchoring could not place), kept in id order.
#[derive(Clone, Debug)]
pub struct Session {
    article: Arc<Article>,
    /// Shared with copies of the session (a save or recovery copy on a worker), so copying
    /// a session costs nothing; an edit copies the list only while such a copy still holds it.
    annotations: Arc<Vec<Annotation>>,
    orphans: Arc<Vec<Orphan>>,
    next_id: u64,
    revision: u64,
    /// Longest span ever added: bounds the backward look in [`Session::overlapping`].
    /// Never shrinks, which keeps it correct without rescanning on removal.
    max_span_len: usize,
    counts: [usize; 3],
    /// Annotations by tag and status ([`Tag::index`], [`Status::index`]), kept by `apply`
    /// so the progress line costs nothing per frame.
    status_counts: [[usize; 4]; 3],
    /// The verdicts this session offers (stored in its file, so colleagues share them).
    scales: Scales,
    /// The article's URL, publisher, author and date.
    details: ArticleDetails,
    /// Interval tree and id table over `annotations`, built on first use after each edit
    /// that moves, adds or removes an annotation (see [`Derived`]); emptied by
    /// [`Session::apply`] then, kept across edits of bodies alone.
    derived: OnceLock<Derived>,
    /// The last few revisions' changes: `(revision after the edit, the ids whose body alone
    /// changed, or `None` for any other change)`, oldest first, at most [`JOURNAL`] long.
    journal: std::collections::VecDeque<(u64, Option<Vec<AnnotationId>>)>,
}

/// Edits the journal remembers: enough for the keystrokes of a few frames.
const JOURNAL: usize = 64;

impl PartialEq for Session {
    /// Two sessions are equal when they hold the same article, annotations and orphans (the
    /// revision counter and id allocator are bookkeeping).
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article
            && self.annotations == other.annotations
            && self.orphans == other.orphans
            && self.scales == other.scales
            && self.details == other.details
    }
}

impl Session {
    /// A session with no annotations; its article details are what the importer found.
    pub fn new(article: Arc<Article>) -> Self {
        let details = article.imported_details().clone();
        Self {
            article,
            annotations: Arc::new(Vec::new()),
            orphans: Arc::new(Vec::new()),
            next_id: 1,
            revision: 0,
            max_span_len: 0,
            counts: [0; 3],
            status_counts: [[0; 4]; 3],
            scales: Scales::default(),
            details,
            derived: OnceLock::new(),
            journal: std::collections::VecDeque::new(),
        }
    }

    /// A session with the given annotations, each checked as an [`Edit::Add`] would be.
    /// Used by the loader; sorting is done once here, not per annotation.
    pub fn with_annotations(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
    ) -> Result<Self, EditError> {
        Self::from_parts(article, annotations, Vec::new())
    }

    /// A session with the given annotations and orphans. Annotations are checked as an
    /// [`Edit::Add`] would check them; ids must be unique across both lists.
    pub fn from_parts(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
        orphans: Vec<Orphan>,
    ) -> Result<Self, EditError> {
        Self::from_parts_checked(Self::new(article), annotations, orphans)
    }

    /// `session` (empty, with its scales) filled with these annotations and orphans.
    fn from_parts_checked(
        mut session: Self,
        mut annotations: Vec<Annotation>,
        mut orphans: Vec<Orphan>,
    ) -> Result<Self, EditError> {
        annotations.sort_by_key(Annotation::order_key);
        orphans.sort_by_key(|o| o.id);
        let mut ids: Vec<AnnotationId> = annotations.iter().map(|a| a.id).collect();
        ids.extend(orphans.iter().map(|o| o.id));
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(EditError::DuplicateId(pair[0]));
        }
        for annotation in &annotations {
            session.check_span(annotation.span)?;
            session.check_verdict(&annotation.body)?;
            session.note_added(annotation);
        }
        for orphan in &orphans {
            session.check_verdict(&orphan.body)?;
        }
        for orphan in &orphans {
            session.next_id = session.next_id.max(orphan.id.0.saturating_add(1));
        }
        session.annotations = Arc::new(annotations);
        session.orphans = Arc::new(orphans);
        Ok(session)
    }

    /// A session with these scales and article details, and the given annotations and
    /// orphans, checked as [`Session::from_parts`] checks them (and every verdict against its
    /// scale).
    pub fn from_parts_with(
        article: Arc<Article>,
        annotations: Vec<Annotation>,
        orphans: Vec<Orphan>,
        scales: Scales,
        details: ArticleDetails,
    ) -> Result<Self, EditError> {
        for kind in ScaleKind::ALL {
            if let Some(problem) = scales.get(kind).problem() {
                return Err(EditError::BadScale { kind, problem });
            }
        }
        let mut empty = Self::new(article);
        empty.scales = scales;
        empty.details = details;
        Self::from_parts_checked(empty, annotations, orphans)
    }

    /// The session's rating scales.
    pub fn scales(&self) -> &Scales {
        &self.scales
    }

    /// The scale an annotation with this tag takes its verdict from.
    pub fn scale_for(&self, tag: Tag) -> &Scale {
        self.scales.for_tag(tag)
    }

    /// The article's details.
    pub fn details(&self) -> &ArticleDetails {
        &self.details
    }

    /// Annotations with this tag and status (orphans not included).
    pub fn status_count(&self, tag: Tag, status: Status) -> usize {
        self.status_counts[tag.index()][status.index()]
    }

    /// The edit that gives scale `kind` the ratings of `proposed`, where `renamed` lists
    /// `(old name, new name)` pairs: verdicts with an old name follow the rename, and a
    /// rating that verdicts still use but `proposed` lacks is kept as retired (so no verdict
    /// is dropped). A retired rating that `proposed` names again is offered again.
    pub fn scale_edit(
        &self,
        kind: ScaleKind,
        proposed: Scale,
        renamed: &[(String, String)],
    ) -> Edit {
        let mut scale = proposed;
        let mut edits = Vec::new();
        let bodies = self
            .annotations
            .iter()
            .map(|a| (a.id, &a.body))
            .chain(self.orphans.iter().map(|o| (o.id, &o.body)));
        for (id, body) in bodies {
            if ScaleKind::for_tag(body.tag) != kind {
                continue;
            }
            let Some(verdict) = &body.verdict else {
                continue;
            };
            if let Some((_, new)) = renamed.iter().find(|(old, _)| old == verdict) {
                edits.push(Edit::Set {
                    id,
                    field: Field::Verdict(Some(new.clone())),
                });
            } else if scale.get(verdict).is_none()
                && let Some(old) = self.scales.get(kind).get(verdict)
            {
                scale.ratings.push(super::Rating {
                    retired: true,
                    ..old.clone()
                });
            }
        }
        if edits.is_empty() {
            return Edit::SetScale { kind, scale };
        }
        // Every step must keep each verdict in its scale: first a scale that still holds the
        // old names (retired), then the verdicts move, then the old names go.
        let mut bridge = scale.clone();
        for (old, _) in renamed {
            if bridge.get(old).is_none()
                && let Some(rating) = self.scales.get(kind).get(old)
            {
                bridge.ratings.push(super::Rating {
                    retired: true,
                    ..rating.clone()
                });
            }
        }
        edits.insert(
            0,
            Edit::SetScale {
                kind,
                scale: bridge,
            },
        );
        edits.push(Edit::SetScale { kind, scale });
        Edit::Batch(edits)
    }

    /// The article annotated.
    pub fn article(&self) -> &Arc<Article> {
        &self.article
    }

    /// All annotations in document order.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Orphans (annotations without a place in the current text), in id order.
    pub fn orphans(&self) -> &[Orphan] {
        &self.orphans
    }

    /// The orphan with this id.
    pub fn orphan(&self, id: AnnotationId) -> Option<&Orphan> {
        self.orphan_position(id).map(|i| &self.orphans[i])
    }

    fn orphan_position(&self, id: AnnotationId) -> Option<usize> {
        self.orphans.binary_search_by_key(&id, |o| o.id).ok()
    }

    /// True when an annotation or an orphan has this id.
    fn id_in_use(&self, id: AnnotationId) -> bool {
        self.position(id).is_some() || self.orphan_position(id).is_some()
    }

    /// Number of annotations with each tag, indexed by [`Tag::index`] (orphans not included).
    pub fn counts(&self) -> [usize; 3] {
        self.counts
    }

    /// Increases with every applied edit; views key their caches on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The annotation with this id.
    pub fn get(&self, id: AnnotationId) -> Option<&Annotation> {
        self.position(id).map(|i| &self.annotations[i])
    }

    /// Index of the annotation with this id in document order. O(log n) once the lookup index
    /// has been built (by [`Session::overlapping`], which views call every frame); a linear
    /// scan before that, e.g. while an edit is being applied.
    pub fn position(&self, id: AnnotationId) -> Option<usize> {
        if let Some(i) = self.derived.get().and_then(|index| index.position(id))
            && self.annotations.get(i).is_some_and(|a| a.id == id)
        {
            return Some(i);
        }
        self.annotations.iter().position(|a| a.id == id)
    }

    /// The text under an annotation.
    pub fn text_of(&self, annotation: &Annotation) -> &str {
        annotation
            .span
            .slice(self.article.text())
            .unwrap_or_default()
    }

    /// The edit that adds a new annotation with a fresh id. Apply it to make it happen.
    pub fn add_edit(&self, tag: Tag, span: Span) -> Edit {
        Edit::Add(Annotation {
            id: AnnotationId(self.next_id),
            span,
            body: Body::new(tag),
        })
    }

    /// Annotations sharing at least one byte with `range`, in document order. Costs
    /// O(log n) plus the hits (an interval-tree walk), not a scan of all annotations, even
    /// when some spans are very long. The first call after an edit builds the index.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Annotation> {
        let query = Span::from(range);
        let first = self
            .annotations
            .partition_point(|a| a.span.start + self.max_span_len <= query.start);
        let last = self
            .annotations
            .partition_point(|a| a.span.start < query.end);
        self.derived
            .get_or_init(|| Derived::build(&self.annotations))
            .overlapping(&self.annotations, first..last, query)
    }

    /// Annotations containing byte `offset`, innermost (shortest) first.
    pub fn at(&self, offset: usize) -> Vec<&Annotation> {
        let mut hits: Vec<&Annotation> = self
            .overlapping(offset..offset.saturating_add(1))
            .filter(|a| a.span.contains(offset))
            .collect();
        hits.sort_by_key(|a| (a.span.len(), a.span.start, a.id));
        hits
    }

    /// Applies an edit and returns its inverse. On error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let bodies = edit.bodies_only();
        // Adding or removing one annotation patches the lookup index (no sort); any other
        // change of places drops it, to be rebuilt on next use; a change of bodies keeps it.
        let patch = match &edit {
            Edit::Add(a) => Some((
                self.annotations
                    .partition_point(|other| other.order_key() < a.order_key()),
                a.id,
                true,
            )),
            Edit::Remove(id) => self.position(*id).map(|at| (at, *id, false)),
            _ => None,
        };
        let before = if bodies.is_none() {
            self.derived.take()
        } else {
            None
        };
        let inverse = match self.apply_inner(edit) {
            Ok(inverse) => inverse,
            Err(error) => {
                // Nothing changed: the index still describes the list.
                if let Some(index) = before {
                    let _ = self.derived.set(index);
                }
                return Err(error);
            }
        };
        if let (Some(index), Some((at, id, added))) = (before, patch) {
            let patched = if added {
                index.inserted(at, id, &self.annotations)
            } else {
                index.removed(at, id, &self.annotations)
            };
            let _ = self.derived.set(patched);
        }
        self.revision += 1;
        if self.journal.len() == JOURNAL {
            self.journal.pop_front();
        }
        self.journal.push_back((self.revision, bodies));
        Ok(inverse)
    }

    /// The annotations and orphans whose body changed since `revision`, when bodies are all
    /// that changed (and the journal reaches back that far); `None` when anything else changed
    /// or it cannot say. A cache of bodies (the list's folded text) patches these ids only.
    pub fn bodies_changed_since(&self, revision: u64) -> Option<Vec<AnnotationId>> {
        if revision > self.revision {
            return None;
        }
        if revision == self.revision {
            return Some(Vec::new());
        }
        // The journal must hold every revision after `revision`.
        let first = self.journal.front()?.0;
        if first > revision + 1 {
            return None;
        }
        let mut ids = Vec::new();
        for (after, bodies) in &self.journal {
            if *after > revision {
                ids.extend(bodies.as_ref()?.iter().copied());
            }
        }
        Some(ids)
    }

    fn apply_inner(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Add(annotation) => {
                self.check_span(annotation.span)?;
                self.check_verdict(&annotation.body)?;
                if self.id_in_use(annotation.id) {
                    return Err(EditError::DuplicateId(annotation.id));
                }
                let id = annotation.id;
                self.note_added(&annotation);
                let at = self
                    .annotations
                    .partition_point(|a| a.order_key() < annotation.order_key());
                Arc::make_mut(&mut self.annotations).insert(at, annotation);
                Ok(Edit::Remove(id))
            }
            Edit::Remove(id) => {
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let removed = Arc::make_mut(&mut self.annotations).remove(index);
                self.count(&removed.body, false);
                Ok(Edit::Add(removed))
            }
            Edit::Set { id, field } => {
                // Orphans are not in the per-tag counts; annotations are.
                let counted = self.orphan_position(id).is_none();
                let scales = self.scales.clone();
                let body = self.body_mut(id).ok_or(EditError::UnknownId(id))?;
                let mut after = body.clone();
                after.set(field.clone());
                check_verdict(&scales, &after)?;
                let before = std::mem::replace(body, after);
                let old = before.get(field.kind());
                if counted {
                    self.count(&before, false);
                    let after = self.body_mut(id).map(|b| b.clone());
                    if let Some(after) = after {
                        self.count(&after, true);
                    }
                }
                Ok(Edit::Set { id, field: old })
            }
            Edit::SetScale { kind, scale } => {
                if let Some(problem) = scale.problem() {
                    return Err(EditError::BadScale { kind, problem });
                }
                let bodies = self
                    .annotations
                    .iter()
                    .map(|a| (a.id, &a.body))
                    .chain(self.orphans.iter().map(|o| (o.id, &o.body)));
                for (id, body) in bodies {
                    if ScaleKind::for_tag(body.tag) == kind
                        && let Some(verdict) = &body.verdict
                        && scale.get(verdict).is_none()
                    {
                        return Err(EditError::RatingInUse {
                            id,
                            verdict: verdict.clone(),
                            kind,
                        });
                    }
                }
                let old = std::mem::replace(self.scales.get_mut(kind), scale);
                Ok(Edit::SetScale { kind, scale: old })
            }
            Edit::SetDetails(details) => Ok(Edit::SetDetails(std::mem::replace(
                &mut self.details,
                details,
            ))),
            Edit::SetSpan { id, span } => {
                self.check_span(span)?;
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let mut annotation = Arc::make_mut(&mut self.annotations).remove(index);
                let old = std::mem::replace(&mut annotation.span, span);
                self.max_span_len = self.max_span_len.max(span.len());
                let at = self
                    .annotations
                    .partition_point(|a| a.order_key() < annotation.order_key());
                Arc::make_mut(&mut self.annotations).insert(at, annotation);
                Ok(Edit::SetSpan { id, span: old })
            }
            Edit::Reattach { id, span } => {
                self.check_span(span)?;
                let index = self
                    .orphan_position(id)
                    .ok_or(EditError::UnknownOrphan(id))?;
                let orphan = Arc::make_mut(&mut self.orphans).remove(index);
                let annotation = Annotation {
                    id,
                    span,
                    body: orphan.body.clone(),
                };
                self.note_added(&annotation);
                let at = self
                    .annotations
                    .partition_point(|a| a.order_key() < annotation.order_key());
                Arc::make_mut(&mut self.annotations).insert(at, annotation);
                Ok(Edit::Batch(vec![Edit::Remove(id), Edit::AddOrphan(orphan)]))
            }
            Edit::AddOrphan(orphan) => {
                self.check_verdict(&orphan.body)?;
                if self.id_in_use(orphan.id) {
                    return Err(EditError::DuplicateId(orphan.id));
                }
                let id = orphan.id;
                self.next_id = self.next_id.max(id.0.saturating_add(1));
                let at = self.orphans.partition_point(|o| o.id < id);
                Arc::make_mut(&mut self.orphans).insert(at, orphan);
                Ok(Edit::RemoveOrphan(id))
            }
            Edit::RemoveOrphan(id) => {
                let index = self
                    .orphan_position(id)
                    .ok_or(EditError::UnknownOrphan(id))?;
                Ok(Edit::AddOrphan(
                    Arc::make_mut(&mut self.orphans).remove(index),
                ))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply_inner(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Roll back what this batch already did, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.apply_inner(inverse);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// The body of the annotation or orphan with this id: the one lookup every field edit
    /// goes through, so a new body field needs no new case here.
    fn body_mut(&mut self, id: AnnotationId) -> Option<&mut Body> {
        if let Some(index) = self.orphan_position(id) {
            return Some(&mut Arc::make_mut(&mut self.orphans)[index].body);
        }
        let index = self.position(id)?;
        Some(&mut Arc::make_mut(&mut self.annotations)[index].body)
    }

    fn note_added(&mut self, annotation: &Annotation) {
        self.next_id = self.next_id.max(annotation.id.0.saturating_add(1));
        self.max_span_len = self.max_span_len.max(annotation.span.len());
        self.count(&annotation.body, true);
    }

    /// Adds `body` to the per-tag and per-status counts, or takes it off.
    fn count(&mut self, body: &Body, add: bool) {
        let (tag, status) = (body.tag.index(), body.status.index());
        if add {
            self.counts[tag] += 1;
            self.status_counts[tag][status] += 1;
        } else {
            self.counts[tag] -= 1;
            self.status_counts[tag][status] -= 1;
        }
    }

    /// Checks that `body`'s verdict, if any, is in the scale its tag takes verdicts from.
    fn check_verdict(&self, body: &Body) -> Result<(), EditError> {
        check_verdict(&self.scales, body)
    }

    /// Checks that `span` is a non-empty, non-blank range of the text on char boundaries.
    fn check_span(&self, span: Span) -> Result<(), EditError> {
        let text = self.article.text();
        let slice = span.slice(text).ok_or(if span.is_empty() {
            EditError::EmptySpan
        } else {
            EditError::OutOfRange {
                start: span.start,
                end: span.end,
                len: text.len(),
            }
        })?;
        if slice.trim().is_empty() {
            return Err(EditError::EmptySpan);
        }
        Ok(())
    }
}

/// Checks that `body`'s verdict, if any, is in the scale its tag takes verdicts from.
fn check_verdict(scales: &Scales, body: &Body) -> Result<(), EditError> {
    match &body.verdict {
        Some(verdict) if scales.for_tag(body.tag).get(verdict).is_none() => {
            Err(EditError::NotInScale {
                verdict: verdict.clone(),
                kind: ScaleKind::for_tag(body.tag),
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quote;

    use crate::model::minsk_session as session;

    #[test]
    fn add_retag_note_remove_and_inverses() {
        let mut s = session();
        let add = s.add_edit(Tag::Statistic, Span::new(17, 39));
        let undo_add = s.apply(add).unwrap();
        let id = s.annotations()[0].id;
        assert_eq!(s.text_of(&s.annotations()[0]), "14 political prisoners");
        assert_eq!(s.counts(), [0, 1, 0]);
        let undo_tag = s
            .apply(Edit::Set {
                id,
                field: Field::Tag(Tag::Claim),
            })
            .unwrap();
        assert_eq!(s.counts(), [1, 0, 0]);
        s.apply(undo_tag).unwrap();
        assert_eq!(s.counts(), [0, 1, 0]);
        s.apply(undo_add).unwrap();
        assert!(s.annotations().is_empty());
        assert_eq!(s.counts(), [0, 0, 0]);
    }

    #[test]
    fn rejects_bad_spans_without_changing() {
        let mut s = session();
        for span in [Span::new(5, 5), Span::new(7, 8), Span::new(30, 99)] {
            assert!(s.apply(s.add_edit(Tag::Claim, span)).is_err());
        }
        assert_eq!(s.revision(), 0);
        assert!(s.annotations().is_empty());
    }

    #[test]
    fn overlapping_and_at_find_nested_spans() {
        let mut s = session();
        s.apply(s.add_edit(Tag::Claim, Span::new(0, 40))).unwrap();
        s.apply(s.add_edit(Tag::Statistic, Span::new(17, 19)))
            .unwrap();
        s.apply(s.add_edit(Tag::Quote, Span::new(30, 39))).unwrap();
        let at = s.at(18);
        assert_eq!(at.len(), 2);
        assert_eq!(at[0].body.tag, Tag::Statistic, "innermost first");
        assert_eq!(s.overlapping(20..29).count(), 1);
        assert_eq!(s.overlapping(0..40).count(), 3);
        let order: Vec<_> = s.annotations().iter().map(|a| a.span.start).collect();
        assert_eq!(order, [0, 17, 30]);
    }

    fn orphaned() -> Session {
        let article = Arc::clone(session().article());
        let orphan = Orphan {
            id: AnnotationId(7),
            quote: Quote {
                text: "old words".to_owned(),
                prefix: "before ".to_owned(),
                suffix: " after".to_owned(),
            },
            body: Body {
                note: "keep me".to_owned(),
                ..Body::new(Tag::Quote)
            },
        };
        Session::from_parts(article, Vec::new(), vec![orphan]).unwrap()
    }

    #[test]
    fn reattach_and_undo_restore_the_orphan_exactly() {
        let mut s = orphaned();
        let before = s.clone();
        let undo = s
            .apply(Edit::Reattach {
                id: AnnotationId(7),
                span: Span::new(17, 39),
            })
            .unwrap();
        assert!(s.orphans().is_empty());
        let a = s.get(AnnotationId(7)).unwrap();
        assert_eq!((a.body.tag, a.body.note.as_str()), (Tag::Quote, "keep me"));
        assert_eq!(s.counts(), [0, 0, 1]);
        assert_eq!(undo.describe(), "detach annotation");
        let redo = s.apply(undo).unwrap();
        assert_eq!(s, before);
        assert_eq!(s.counts(), [0, 0, 0]);
        assert_eq!(redo.describe(), "re-attach annotation");
        s.apply(redo).unwrap();
        assert_eq!(s.get(AnnotationId(7)).unwrap().span, Span::new(17, 39));
    }

    #[test]
    fn orphan_ids_are_reserved_and_editable() {
        let mut s = orphaned();
        let Edit::Add(a) = s.add_edit(Tag::Claim, Span::new(0, 7)) else {
            unreachable!()
        };
        assert_eq!(a.id, AnnotationId(8), "fresh ids skip orphan ids");
        let clash = Annotation {
            id: AnnotationId(7),
            ..a
        };
        assert_eq!(
            s.apply(Edit::Add(clash)),
            Err(EditError::DuplicateId(AnnotationId(7)))
        );
        let undo = s
            .apply(Edit::Set {
                id: AnnotationId(7),
                field: Field::Note("new".into()),
            })
            .unwrap();
        assert_eq!(s.orphan(AnnotationId(7)).unwrap().body.note, "new");
        s.apply(undo).unwrap();
        let undo = s.apply(Edit::RemoveOrphan(AnnotationId(7))).unwrap();
        assert!(s.orphans().is_empty());
        s.apply(undo).unwrap();
        assert_eq!(s, orphaned());
        assert_eq!(
            s.apply(Edit::Reattach {
                id: AnnotationId(1),
                span: Span::new(0, 7)
            }),
            Err(EditError::UnknownOrphan(AnnotationId(1)))
        );
        assert_eq!(
            s.apply(Edit::Reattach {
                id: AnnotationId(7),
                span: Span::new(7, 8)
            }),
            Err(EditError::EmptySpan),
            "a blank span is refused and the orphan stays"
        );
        assert_eq!(s.orphans().len(), 1);
    }

    #[test]
    fn retagging_counts_annotations_but_not_orphans() {
        let mut s = orphaned();
        let undo = s
            .apply(Edit::Set {
                id: AnnotationId(7),
                field: Field::Tag(Tag::Claim),
            })
            .unwrap();
        assert_eq!(s.orphan(AnnotationId(7)).unwrap().body.tag, Tag::Claim);
        assert_eq!(s.counts(), [0, 0, 0], "orphans are not counted");
        s.apply(undo).unwrap();
        s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
        let id = s.annotations()[0].id;
        let undo = s
            .apply(Edit::Set {
                id,
                field: Field::Tag(Tag::Claim),
            })
            .unwrap();
        assert_eq!(
            s.counts(),
            [1, 0, 0],
            "setting the same tag changes no count"
        );
        assert_eq!(undo.describe(), "retag as claim");
        s.apply(Edit::Set {
            id,
            field: Field::Note("n".into()),
        })
        .unwrap();
        assert_eq!(s.counts(), [1, 0, 0], "a note edit changes no count");
        assert_eq!(
            s.apply(Edit::Set {
                id: AnnotationId(99),
                field: Field::Tag(Tag::Quote),
            }),
            Err(EditError::UnknownId(AnnotationId(99)))
        );
    }

    #[test]
    fn failed_batch_rolls_back() {
        let mut s = session();
        let ok = s.add_edit(Tag::Claim, Span::new(0, 7));
        let bad = Edit::Remove(AnnotationId(99));
        assert!(s.apply(Edit::Batch(vec![ok, bad])).is_err());
        assert!(s.annotations().is_empty());
    }

    fn with_claim() -> (Session, AnnotationId) {
        let mut s = session();
        s.apply(s.add_edit(Tag::Claim, Span::new(0, 7))).unwrap();
        let id = s.annotations()[0].id;
        (s, id)
    }

    fn set(s: &mut Session, id: AnnotationId, field: Field) -> Result<Edit, EditError> {
        s.apply(Edit::Set { id, field })
    }

    #[test]
    fn verdicts_must_come_from_the_scale_of_their_tag() {
        let (mut s, id) = with_claim();
        let verdict = |name: &str| Field::Verdict(Some(name.to_owned()));
        assert_eq!(
            set(&mut s, id, verdict("Accurate")),
            Err(EditError::NotInScale {
                verdict: "Accurate".into(),
                kind: ScaleKind::Rating
            }),
            "an attribution verdict is refused on a claim"
        );
        set(&mut s, id, verdict("False")).unwrap();
        assert!(
            set(&mut s, id, Field::Tag(Tag::Quote)).is_err(),
            "a retag that would leave the verdict outside its scale is refused"
        );
        assert_eq!(s.get(id).unwrap().body.tag, Tag::Claim);
        set(&mut s, id, Field::Tag(Tag::Statistic)).unwrap();
        assert_eq!(s.counts(), [0, 1, 0]);
    }

    #[test]
    fn status_counts_follow_adds_sets_and_removes() {
        let (mut s, id) = with_claim();
        assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 1);
        let undo = set(&mut s, id, Field::Status(Status::Checked)).unwrap();
        assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 0);
        assert_eq!(s.status_count(Tag::Claim, Status::Checked), 1);
        let retag = set(&mut s, id, Field::Tag(Tag::Quote)).unwrap();
        assert_eq!(s.status_count(Tag::Quote, Status::Checked), 1);
        s.apply(retag).unwrap();
        s.apply(undo).unwrap();
        assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 1);
        s.apply(Edit::Remove(id)).unwrap();
        assert_eq!(s.status_count(Tag::Claim, Status::ToCheck), 0);
    }

    #[test]
    fn removing_a_rating_in_use_retires_it_and_renames_carry_verdicts() {
        let (mut s, id) = with_claim();
        set(&mut s, id, Field::Verdict(Some("Half true".into()))).unwrap();
        let before = s.clone();
        let mut proposed = Scale::default_rating();
        proposed.ratings.retain(|r| r.name != "Half true");
        let direct = Edit::SetScale {
            kind: ScaleKind::Rating,
            scale: proposed.clone(),
        };
        assert!(
            matches!(s.clone().apply(direct), Err(EditError::RatingInUse { .. })),
            "a scale without a rating in use is refused"
        );
        let undo = s
            .apply(s.scale_edit(ScaleKind::Rating, proposed.clone(), &[]))
            .unwrap();
        let kept = s.scales().get(ScaleKind::Rating).get("Half true").unwrap();
        assert!(kept.retired, "kept, flagged as retired");
        assert_eq!(
            s.get(id).unwrap().body.verdict.as_deref(),
            Some("Half true")
        );
        s.apply(undo).unwrap();
        assert_eq!(s, before);

        let mut renamed = Scale::default_rating();
        renamed.ratings[2].name = "Partly true".into();
        let edit = s.scale_edit(
            ScaleKind::Rating,
            renamed,
            &[("Half true".into(), "Partly true".into())],
        );
        assert_eq!(edit.describe(), "rating scale change");
        let undo = s.apply(edit).unwrap();
        assert_eq!(
            s.get(id).unwrap().body.verdict.as_deref(),
            Some("Partly true")
        );
        s.apply(undo).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn details_are_an_edit_and_stamps_stay_out_of_descriptions() {
        let (mut s, id) = with_claim();
        let details = ArticleDetails {
            publisher: "Reuters".into(),
            ..ArticleDetails::default()
        };
        let undo = s.apply(Edit::SetDetails(details.clone())).unwrap();
        assert_eq!(s.details(), &details);
        s.apply(undo).unwrap();
        assert!(s.details().is_empty());
        let now = crate::model::Stamp::parse("2026-12-03T10:00:00Z").unwrap();
        let edit = Edit::Set {
            id,
            field: Field::Status(Status::Checking),
        }
        .stamped(&[id], &now);
        assert_eq!(edit.describe(), "status checking");
        let undo = s.apply(edit).unwrap();
        assert_eq!(s.get(id).unwrap().body.changed, Some(now));
        assert_eq!(undo.describe(), "status to check");
        s.apply(undo).unwrap();
        assert_eq!(s.get(id).unwrap().body.changed, None);
    }

    #[test]
    fn a_loaded_verdict_outside_the_scale_is_refused() {
        let article = Arc::clone(session().article());
        let annotation = Annotation {
            id: AnnotationId(1),
            span: Span::new(0, 7),
            body: Body {
                verdict: Some("Pants on fire".into()),
                ..Body::new(Tag::Claim)
            },
        };
        let result = Session::from_parts_with(
            Arc::clone(&article),
            vec![annotation.clone()],
            Vec::new(),
            Scales::default(),
            ArticleDetails::default(),
        );
        assert!(matches!(result, Err(EditError::NotInScale { .. })));
        let mut scales = Scales::default();
        scales.0[0].ratings.push(crate::model::Rating {
            name: "Pants on fire".into(),
            description: String::new(),
            colour: crate::model::Colour([255, 0, 0]),
            retired: false,
        });
        let loaded = Session::from_parts_with(
            article,
            vec![annotation],
            Vec::new(),
            scales,
            ArticleDetails::default(),
        )
        .unwrap();
        assert_eq!(
            loaded.scale_for(Tag::Claim).number_of("Pants on fire"),
            Some(8)
        );
    }
}
