//! A session: one article, the annotations over it, and the orphans that lost their place
//! when the article changed. `Session::apply` is the only mutation.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::interval::Derived;
use super::{
    Annotation, AnnotationId, Article, ArticleDetails, Body, Edit, EditError, Field, Orphan,
    Rejection, Scale, ScaleKind, Scales, Span, Status, Tag,
};

/// An article and its annotations, kept in document order (see [`Annotation::order_key`]),
/// plus orphans (annotations re-anchoring could not place), kept in id order, and the
/// suggestions the analyst rejected (sorted, each once).
#[derive(Clone, Debug)]
pub struct Session {
    article: Arc<Article>,
    /// Shared with copies of the session (a save or recovery copy on a worker), so copying
    /// a session costs nothing; an edit copies the list only while such a copy still holds it.
    annotations: Arc<Vec<Annotation>>,
    orphans: Arc<Vec<Orphan>>,
    /// Rejected suggestions, sorted and without repeats (see [`Rejection`]).
    rejections: Arc<Vec<Rejection>>,
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
            && self.rejections == other.rejections
    }
}

impl Session {
    /// The rejected suggestions, in document order.
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// True when a `tag` suggestion over `span` was rejected.
    pub fn is_rejected(&self, tag: Tag, span: Span) -> bool {
        self.rejections
            .binary_search(&Rejection::new(tag, span))
            .is_ok()
    }

    /// The id the next added annotation gets ([`Session::add_edit`]); a batch of additions
    /// numbers on from it.
    pub fn next_id(&self) -> AnnotationId {
        AnnotationId(self.next_id)
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
        for (id, body) in self.bodies() {
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

    /// Every annotation's and orphan's body, with its id.
    fn bodies(&self) -> impl Iterator<Item = (AnnotationId, &Body)> {
        self.annotations
            .iter()
            .map(|a| (a.id, &*a.body))
            .chain(self.orphans.iter().map(|o| (o.id, &*o.body)))
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
            body: Arc::new(Body::new(tag)),
        })
    }

    /// One edit adding all of `annotations` with fresh ids (an import, accepted suggestions):
    /// one undo step. A verdict this session's scale for the tag does not offer cannot be
    /// kept as a verdict; it is written at the end of the note instead (and listed in the
    /// second value), so nothing is dropped.
    pub fn adopt_edit(
        &self,
        annotations: impl IntoIterator<Item = (Span, Body)>,
    ) -> (Edit, Vec<String>) {
        let mut moved = Vec::new();
        let adds = annotations
            .into_iter()
            .zip(self.next_id..)
            .map(|((span, mut body), id)| {
                if let Some(verdict) = body.verdict.take() {
                    if self.scales.for_tag(body.tag).get(&verdict).is_some() {
                        body.verdict = Some(verdict);
                    } else {
                        let sep = if body.note.is_empty() { "" } else { "\n" };
                        body.note = format!("{}{sep}Verdict given: {verdict}", body.note);
                        moved.push(verdict);
                    }
                }
                Edit::Add(Annotation {
                    id: AnnotationId(id),
                    span,
                    body: Arc::new(body),
                })
            })
            .collect();
        (Edit::Batch(adds), moved)
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
                for (id, body) in self.bodies() {
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
            Edit::Reject(rejection) => {
                self.check_span(rejection.span)?;
                match self.rejections.binary_search(&rejection) {
                    Ok(_) => Err(EditError::AlreadyRejected(rejection)),
                    Err(at) => {
                        Arc::make_mut(&mut self.rejections).insert(at, rejection);
                        Ok(Edit::Unreject(rejection))
                    }
                }
            }
            Edit::Unreject(rejection) => match self.rejections.binary_search(&rejection) {
                Ok(at) => {
                    Arc::make_mut(&mut self.rejections).remove(at);
                    Ok(Edit::Reject(rejection))
                }
                Err(_) => Err(EditError::NotRejected(rejection)),
            },
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
            return Some(Arc::make_mut(
                &mut Arc::make_mut(&mut self.orphans)[index].body,
            ));
        }
        let index = self.position(id)?;
        // Two copies on write: the list when a save or worker still holds it (the bodies are
        // shared, so that copies 20,000 pointers, not 20,000 notes), then this body.
        Some(Arc::make_mut(
            &mut Arc::make_mut(&mut self.annotations)[index].body,
        ))
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

mod build;
#[cfg(test)]
mod tests;
