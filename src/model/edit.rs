//! Edits: the only way a session changes. Each applied edit yields its inverse for undo.

use super::{Annotation, AnnotationId, Span, Tag};

/// A change to a session's annotations, applied by [`super::Session::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Insert an annotation (its id must be unused).
    Add(Annotation),
    /// Delete the annotation with this id.
    Remove(AnnotationId),
    /// Change an annotation's tag.
    SetTag {
        /// Which annotation.
        id: AnnotationId,
        /// Its new tag.
        tag: Tag,
    },
    /// Replace an annotation's note.
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// Its new note.
        note: String,
    },
    /// Move an annotation to another span (re-attaching, re-anchoring).
    SetSpan {
        /// Which annotation.
        id: AnnotationId,
        /// Its new span.
        span: Span,
    },
    /// Several edits applied in order as one undo step; all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    /// A short description for the Edit menu and status bar ("Undo add claim").
    pub fn describe(&self) -> String {
        match self {
            Self::Add(a) => format!("add {}", a.tag.label().to_lowercase()),
            Self::Remove(_) => "delete annotation".to_owned(),
            Self::SetTag { tag, .. } => format!("tag as {}", tag.label().to_lowercase()),
            Self::SetNote { .. } => "note edit".to_owned(),
            Self::SetSpan { .. } => "move annotation".to_owned(),
            Self::Batch(edits) => format!("{} changes", edits.len()),
        }
    }
}

/// Why an edit could not be applied. The session is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No annotation has this id.
    #[error("no annotation {0}")]
    UnknownId(AnnotationId),
    /// An annotation with this id already exists.
    #[error("annotation {0} already exists")]
    DuplicateId(AnnotationId),
    /// The span is empty, reversed, or covers only whitespace.
    #[error("nothing to tag: the selection is empty or only whitespace")]
    EmptySpan,
    /// The span reaches past the end of the text or splits a character.
    #[error("span {start}..{end} is not a valid range of the article (length {len} bytes)")]
    OutOfRange {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
        /// Text length in bytes.
        len: usize,
    },
}
