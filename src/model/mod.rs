//! The domain model: article text, tagged spans, sessions, edits and undo history.
//! Plain data and functions: no GUI, no files, no clock.

mod annotation;
mod article;
pub mod changes;
mod edit;
mod history;
mod interval;
mod offsets;
mod orphan;
pub mod search;
mod session;
mod span;
mod tag;
pub mod words;

pub use annotation::{Annotation, AnnotationId};
pub use article::{Article, Provenance, title_from_file_stem};
pub use edit::{Edit, EditError};
pub use history::{EditGroup, History};
pub use offsets::OffsetMap;
pub use orphan::Orphan;
pub use session::Session;
pub use span::Span;
pub use tag::Tag;
