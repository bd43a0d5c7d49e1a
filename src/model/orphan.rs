//! Orphans: annotations whose text could not be found again after the article changed.
//! An orphan keeps everything the analyst made (tag, note) and the quote it was attached to,
//! so it can be listed and re-attached by selecting new text. Nothing is ever dropped.

use super::{AnnotationId, Tag};

/// An annotation without a place in the current article text.
///
/// Orphans share the id space of annotations: an id is either an annotation or an orphan,
/// and [`super::Edit::Reattach`] turns an orphan back into an annotation with the same id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    /// Identity, unique among the session's annotations and orphans.
    pub id: AnnotationId,
    /// What the span was.
    pub tag: Tag,
    /// The text the annotation covered in the article it was made on (never empty).
    pub text: String,
    /// Up to a few dozen characters of that article just before `text` (may be empty).
    pub prefix: String,
    /// Up to a few dozen characters of that article just after `text` (may be empty).
    pub suffix: String,
    /// The analyst's note.
    pub note: String,
}
