//! A folder of articles and sessions, without a window: discovery of every article and
//! session under it, the pairing rule (an article and its session are one document), a
//! summary row per document (title, counts, progress, last change, analysts, state,
//! problems), sorting and filtering, a cache of summaries between runs, indexing on a worker
//! thread with results as they come, watching for changes made by other programs, and search
//! across every document. The window's Documents panel and the `factmark check FOLDER` and
//! `report FOLDER` commands are built on [`Folder`].
//!
//! The pieces, in the order data flows: [`discover`] (walk) → [`file`] (read, hash, summarise
//! one file; [`cache`] remembers it) → [`indexer`] (the worker; [`watch`] feeds it changes) →
//! [`Folder`] (applies updates; [`pairing`] + [`document`] make the rows; [`view`] orders and
//! filters them) → [`search`] (with a [`query`]).

pub mod cache;
pub mod discover;
pub mod document;
pub mod export;
pub mod file;
pub mod indexer;
mod listing;
pub mod pairing;
pub mod query;
pub mod report;
pub mod search;
mod state;
pub mod view;
pub mod watch;

pub use discover::{FileKind, FolderError, WalkProblem};
pub use document::{DocumentRow, State, default_session_path};
pub use indexer::{Options, Update};
pub use listing::Folder;
pub use pairing::Link;
pub use query::{Query, QueryError};
pub use search::{Hit, SearchIndex, SearchResults};
pub use state::WorkspaceState;
pub use view::{Column, Filter, Sort};
