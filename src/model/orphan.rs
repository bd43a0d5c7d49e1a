//! Orphans: annotations whose text could not be found again after the article changed.
//! An orphan keeps everything the analyst made (its [`Body`]) and the quote it was attached
//! to, so it can be listed and re-attached by selecting new text. Nothing is ever dropped.

use super::{AnnotationId, Body, Quote};

/// An annotation without a place in the current article text.
///
/// Orphans share the id space of annotations: an id is either an annotation or an orphan,
/// and [`super::Edit::Reattach`] turns an orphan back into an annotation with the same id
/// and the same body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    /// Identity, unique among the session's annotations and orphans.
    pub id: AnnotationId,
    /// The text the annotation covered in the article it was made on (never empty), with
    /// the text around it there.
    pub quote: Quote,
    /// What the analyst decided about it, kept whole.
    /// Shared as [`super::Annotation::body`] is, for the same reason.
    pub body: std::sync::Arc<Body>,
}
