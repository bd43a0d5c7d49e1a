//! A session: one article and the annotations over it. `Session::apply` is the only mutation.

use std::ops::Range;
use std::sync::Arc;

use super::{Annotation, AnnotationId, Article, Edit, EditError, Span, Tag};

/// An article and its annotations, kept in document order (see [`Annotation::order_key`]).
#[derive(Clone, Debug)]
pub struct Session {
    article: Arc<Article>,
    annotations: Vec<Annotation>,
    next_id: u64,
    revision: u64,
    /// Longest span ever added: bounds the backward look in [`Session::overlapping`].
    /// Never shrinks, which keeps it correct without rescanning on removal.
    max_span_len: usize,
    counts: [usize; 3],
}

impl PartialEq for Session {
    /// Two sessions are equal when they hold the same article and annotations (the revision
    /// counter and id allocator are bookkeeping).
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article && self.annotations == other.annotations
    }
}

impl Session {
    /// A session with no annotations.
    pub fn new(article: Arc<Article>) -> Self {
        Self {
            article,
            annotations: Vec::new(),
            next_id: 1,
            revision: 0,
            max_span_len: 0,
            counts: [0; 3],
        }
    }

    /// A session with the given annotations, each checked as an [`Edit::Add`] would be.
    /// Used by the loader; sorting is done once here, not per annotation.
    pub fn with_annotations(
        article: Arc<Article>,
        mut annotations: Vec<Annotation>,
    ) -> Result<Self, EditError> {
        let mut session = Self::new(article);
        annotations.sort_by_key(Annotation::order_key);
        let mut ids: Vec<AnnotationId> = annotations.iter().map(|a| a.id).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(EditError::DuplicateId(pair[0]));
        }
        for annotation in &annotations {
            session.check_span(annotation.span)?;
            session.note_added(annotation);
        }
        session.annotations = annotations;
        Ok(session)
    }

    /// The article annotated.
    pub fn article(&self) -> &Arc<Article> {
        &self.article
    }

    /// All annotations in document order.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Number of annotations with each tag, indexed by [`Tag::index`].
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

    /// Index of the annotation with this id in document order.
    pub fn position(&self, id: AnnotationId) -> Option<usize> {
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
            tag,
            span,
            note: String::new(),
        })
    }

    /// Annotations sharing at least one byte with `range`, in document order. Costs a binary
    /// search plus the annotations near the range, not a scan of all of them.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Annotation> {
        let query = Span::from(range);
        let first = self
            .annotations
            .partition_point(|a| a.span.start + self.max_span_len <= query.start);
        let last = self
            .annotations
            .partition_point(|a| a.span.start < query.end);
        self.annotations[first..last.max(first)]
            .iter()
            .filter(move |a| a.span.overlaps(query))
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
        let inverse = self.apply_inner(edit)?;
        self.revision += 1;
        Ok(inverse)
    }

    fn apply_inner(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Add(annotation) => {
                self.check_span(annotation.span)?;
                if self.position(annotation.id).is_some() {
                    return Err(EditError::DuplicateId(annotation.id));
                }
                let id = annotation.id;
                self.note_added(&annotation);
                let at = self
                    .annotations
                    .partition_point(|a| a.order_key() < annotation.order_key());
                self.annotations.insert(at, annotation);
                Ok(Edit::Remove(id))
            }
            Edit::Remove(id) => {
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let removed = self.annotations.remove(index);
                self.counts[removed.tag.index()] -= 1;
                Ok(Edit::Add(removed))
            }
            Edit::SetTag { id, tag } => {
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let old = std::mem::replace(&mut self.annotations[index].tag, tag);
                self.counts[old.index()] -= 1;
                self.counts[tag.index()] += 1;
                Ok(Edit::SetTag { id, tag: old })
            }
            Edit::SetNote { id, note } => {
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let old = std::mem::replace(&mut self.annotations[index].note, note);
                Ok(Edit::SetNote { id, note: old })
            }
            Edit::SetSpan { id, span } => {
                self.check_span(span)?;
                let index = self.position(id).ok_or(EditError::UnknownId(id))?;
                let mut annotation = self.annotations.remove(index);
                let old = std::mem::replace(&mut annotation.span, span);
                self.max_span_len = self.max_span_len.max(span.len());
                let at = self
                    .annotations
                    .partition_point(|a| a.order_key() < annotation.order_key());
                self.annotations.insert(at, annotation);
                Ok(Edit::SetSpan { id, span: old })
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

    fn note_added(&mut self, annotation: &Annotation) {
        self.next_id = self.next_id.max(annotation.id.0.saturating_add(1));
        self.max_span_len = self.max_span_len.max(annotation.span.len());
        self.counts[annotation.tag.index()] += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::new(Arc::new(Article::new(
            "t",
            None,
            "Belarus released 14 political prisoners.",
        )))
    }

    #[test]
    fn add_retag_note_remove_and_inverses() {
        let mut s = session();
        let add = s.add_edit(Tag::Statistic, Span::new(17, 39));
        let undo_add = s.apply(add).unwrap();
        let id = s.annotations()[0].id;
        assert_eq!(s.text_of(&s.annotations()[0]), "14 political prisoners");
        assert_eq!(s.counts(), [0, 1, 0]);
        let undo_tag = s
            .apply(Edit::SetTag {
                id,
                tag: Tag::Claim,
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
        assert_eq!(at[0].tag, Tag::Statistic, "innermost first");
        assert_eq!(s.overlapping(20..29).count(), 1);
        assert_eq!(s.overlapping(0..40).count(), 3);
        let order: Vec<_> = s.annotations().iter().map(|a| a.span.start).collect();
        assert_eq!(order, [0, 17, 30]);
    }

    #[test]
    fn failed_batch_rolls_back() {
        let mut s = session();
        let ok = s.add_edit(Tag::Claim, Span::new(0, 7));
        let bad = Edit::Remove(AnnotationId(99));
        assert!(s.apply(Edit::Batch(vec![ok, bad])).is_err());
        assert!(s.annotations().is_empty());
    }
}
