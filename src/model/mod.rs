//! The domain model: article text, annotations (identity + place + body), sessions, edits
//! and undo history, and anchoring (quote + context, and placing anchors in a new text).
//! Plain data and functions: no GUI, no files, no clock.

pub mod adjust;
pub mod anchor;
mod annotation;
mod article;
mod body;
pub mod changes;
mod check;
mod edit;
mod history;
mod interval;
mod offsets;
mod orphan;
mod rejection;
mod scale;
pub mod search;
mod selection;
mod session;
mod span;
mod tag;
pub mod words;

pub use anchor::Quote;
pub use annotation::{Annotation, AnnotationId};
pub use article::{Article, Provenance, title_from_file_stem};
pub use body::{Body, Field, FieldKind};
pub use check::{ArticleDetails, Source, Stamp, Status, url_problem};
pub use edit::{Edit, EditError};
pub use history::{EditGroup, History, Step};
pub use offsets::{OffsetMap, Unit};
pub use orphan::Orphan;
pub use rejection::Rejection;
pub use scale::{Colour, Rating, Scale, ScaleKind, Scales};
pub use selection::Selection;
pub use session::Session;
pub use span::Span;
pub use tag::Tag;

/// The one-sentence session the model's unit tests start from.
#[cfg(test)]
pub(crate) fn minsk_session() -> Session {
    Session::new(std::sync::Arc::new(Article::new(
        "t",
        None,
        "Belarus released 14 political prisoners.",
    )))
}
