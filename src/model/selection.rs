//! What the analyst has selected: the part of the view's state that undo and redo restore,
//! as helix's history keeps each revision's selection from before the change.

use super::{AnnotationId, Span};

/// A selected annotation and/or a pending (not yet tagged) text range. Recorded with every
/// undo step by [`super::History`], so undoing a change also brings back what was selected
/// when it was made. Either part may name something that no longer exists (an annotation
/// deleted since); the view checks before it shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected annotation, if any.
    pub annotation: Option<AnnotationId>,
    /// The pending text range (bytes of the article), if any.
    pub text: Option<Span>,
}
