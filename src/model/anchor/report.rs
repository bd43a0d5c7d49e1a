//! What re-anchoring found: where each anchor landed ([`Placement`]), the outcome without
//! the span ([`Outcome`]), and the counts shown to the user ([`ReanchorReport`]).

use crate::model::{AnnotationId, Span};

/// Where an anchor landed in the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same quote at the same offsets.
    Kept(Span),
    /// Same quote (whitespace aside) at another place.
    Moved(Span),
    /// A similar text.
    Fuzzy {
        /// Where (bytes of the new text).
        span: Span,
        /// How similar, in percent.
        similarity: usize,
    },
    /// Not found.
    Orphaned,
}

impl Placement {
    /// The span found, if any.
    pub fn span(self) -> Option<Span> {
        match self {
            Self::Kept(span) | Self::Moved(span) | Self::Fuzzy { span, .. } => Some(span),
            Self::Orphaned => None,
        }
    }

    /// The outcome without the span.
    pub fn outcome(self) -> Outcome {
        match self {
            Self::Kept(_) => Outcome::Kept,
            Self::Moved(_) => Outcome::Moved,
            Self::Fuzzy { similarity, .. } => Outcome::Fuzzy { similarity },
            Self::Orphaned => Outcome::Orphaned,
        }
    }
}

/// What happened to one annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Same text at the same offsets.
    Kept,
    /// Same text at another place.
    Moved,
    /// Attached to a similar text (percent similarity).
    Fuzzy {
        /// How similar, in percent.
        similarity: usize,
    },
    /// Not found: now (or still) an orphan.
    Orphaned,
}

/// The result of [`super::reanchor()`]: counts for the user, and the outcome of every id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// Annotations whose text is still at the same offsets.
    pub kept: usize,
    /// Annotations (or orphans found again) whose exact text moved.
    pub moved: usize,
    /// Annotations (or orphans found again) attached to a similar text.
    pub fuzzy: usize,
    /// Annotations that became orphans, plus orphans not found again.
    pub orphaned: usize,
    /// Every id of the input session with its outcome: annotations in document order, then
    /// the input's orphans.
    pub outcomes: Vec<(AnnotationId, Outcome)>,
    /// Rejected suggestions whose text is no longer in the article (dropped: nothing can
    /// suggest them again); the others are kept or moved with their text.
    pub rejections_dropped: usize,
}

impl ReanchorReport {
    /// Number of annotations and orphans considered (always the input session's total).
    pub fn total(&self) -> usize {
        self.kept + self.moved + self.fuzzy + self.orphaned
    }

    /// Counts `outcome` for `id` and lists it.
    pub(super) fn record(&mut self, id: AnnotationId, outcome: Outcome) {
        match outcome {
            Outcome::Kept => self.kept += 1,
            Outcome::Moved => self.moved += 1,
            Outcome::Fuzzy { .. } => self.fuzzy += 1,
            Outcome::Orphaned => self.orphaned += 1,
        }
        self.outcomes.push((id, outcome));
    }
}

impl std::fmt::Display for ReanchorReport {
    /// "8 kept, 2 moved, 1 fuzzy, 1 orphaned".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} kept, {} moved, {} fuzzy, {} orphaned",
            self.kept, self.moved, self.fuzzy, self.orphaned
        )
    }
}
