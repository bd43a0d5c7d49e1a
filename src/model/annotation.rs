//! One annotation: an identity, a place in the article (a span) and a [`Body`] (what the
//! analyst decided about it).

use super::{Body, Span};

/// Identifies an annotation within its session. Ids are never reused in a session, so undo
/// and redo bring back the same id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnnotationId(pub u64);

impl std::fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A span of the article with what the analyst decided about it (tag, note, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Stable identity within the session.
    pub id: AnnotationId,
    /// Where it is (bytes of the article text).
    pub span: Span,
    /// What it is and what the analyst wrote about it. Shared, not owned: the session's list
    /// is copied on write while a save or a worker holds the old one, and sharing the bodies
    /// makes that copy 20,000 pointers rather than 20,000 notes and sources (and keeps the
    /// list's elements small, so inserting one moves little). Only `Session` changes a body
    /// (`Arc::make_mut` in its one mutation point).
    pub body: std::sync::Arc<Body>,
}

impl Annotation {
    /// Sort key for document order: by start, then longer spans first (so an enclosing span
    /// precedes what it contains), then id.
    pub fn order_key(&self) -> (usize, std::cmp::Reverse<usize>, AnnotationId) {
        (self.span.start, std::cmp::Reverse(self.span.end), self.id)
    }
}
