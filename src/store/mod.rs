//! Session files: the RON schema (format v1), deterministic rendering, atomic save with a
//! backup, and a loader that validates everything and reports each problem precisely.
//!
//! In memory, spans are byte offsets; in files they are code-point offsets plus the annotated
//! text, so any reader can check `text[start:end]`. `docs/FORMAT.md` is the normative
//! description of the format.

mod error;
mod load;
mod save;
mod schema;
pub(crate) mod textfile;

pub use error::{LoadError, Origin, SaveError};
pub use load::{MAX_SESSION_BYTES, load};
pub use save::{backup_path, save};
pub use schema::{FORMAT, VERSION, sha256_hex};

use crate::model::Session;

/// Renders `session` as format v1 RON. Deterministic: the same session always gives the same
/// bytes (`\n` line ends, 4-space indent, annotations in document order, one per line).
///
/// # Panics
///
/// Only if the session's invariants are broken (a span not on `char` boundaries), which
/// [`Session`] prevents; [`save`] reports that case as an error instead.
pub fn to_ron(session: &Session) -> String {
    match schema::render(session) {
        Ok(text) => text,
        Err(error) => unreachable!("a Session always renders: {error}"),
    }
}

/// Parses and validates session text (as [`load`] does, without the file checks). Errors do
/// not name a file.
///
/// # Errors
///
/// The same [`LoadError`]s as [`load`], except those about reading the file.
pub fn from_ron(src: &str) -> Result<Session, LoadError> {
    load::parse(src, &Origin::default())
}
