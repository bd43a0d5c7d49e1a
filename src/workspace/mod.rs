//! Documents and what can be done with them, without a window: the open document (session,
//! undo history, bound file, typing bursts) and the workflows on it (open, save with the
//! changed-on-disk check, attach an updated article and revert, the source check, restore a
//! recovery copy), each
//! returning an outcome for the window to show or the command line to print. Slow steps are
//! plain functions a caller runs on a [`jobs::Job`]. No egui here. A folder of articles
//! ([`folder`]) lists many documents, each opened as one of these.
//!
//! Arrows: `ui → workspace → store / import → model`.

pub mod attach;
mod document;
pub mod exchange;
pub mod folder;
pub mod jobs;
mod notice;
pub mod open;
pub mod restore;
pub mod save;
pub mod source;
pub mod suggest;

pub use document::{Burst, Document};
pub use notice::Notice;
