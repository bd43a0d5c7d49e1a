//! Session files: the RON schema (format v4, reading v1 to v3), deterministic rendering, atomic
//! save with a backup, a loader that validates everything and reports each problem
//! precisely, change detection (fingerprints), crash recovery files, and reading the updated
//! article a session is re-anchored onto (the matching is [`crate::model::anchor`]).
//!
//! In memory, spans are byte offsets; in files they are code-point offsets plus the annotated
//! text and its context, so any reader can check `text[start:end]`. `docs/FORMAT.md` is the
//! normative description of the format.

mod error;
mod fingerprint;
mod load;
pub mod recovery;
mod render;
mod save;
mod schema;
pub(crate) mod textfile;

use crate::model::Session;
pub use error::{LoadError, LoadErrorKind, Origin, SaveError};
pub use fingerprint::{Fingerprint, changed_on_disk};
pub(crate) use load::excerpt;
pub use load::{
    Loaded, MAX_ID, MAX_NESTING, MAX_SESSION_BYTES, from_bytes, is_session_file, load, load_full,
    looks_like_session,
};
pub use recovery::{RecoveryEntry, RecoveryKey, RecoveryStore};
pub(crate) use save::replace_file;
pub use save::{Replace, backup_path, describe, save, save_checked, save_guarded};
pub use schema::{FORMAT, VERSION, sha256_hex};

/// Renders `session` as current-format (v4) RON. Deterministic: the same session always
/// gives the same bytes (`\n` line ends, 4-space indent, annotations in document order, one
/// per line).
///
/// # Panics
///
/// Only if the session's invariants are broken (a span not on `char` boundaries), which
/// [`Session`] prevents; [`save`] reports that case as an error instead.
pub fn to_ron(session: &Session) -> String {
    match render::render(session) {
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
    load::parse(src, &Origin::default()).map(|(session, _)| session)
}
