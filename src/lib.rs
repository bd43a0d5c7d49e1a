//! Factmark: tag claims, statistics and quotes in news articles.
//!
//! Layers point one way: `ui → workspace → export → store/import → model`. Only `ui` knows about
//! egui. `docs/ARCHITECTURE.md` maps the modules and where new things go.
//!
//! The whole data flow without a window: an article, a session over it, one edit applied
//! through the single mutation point (which hands back its inverse), a save and a load.
//!
//! ```
//! use std::sync::Arc;
//! use factmark::model::{Article, Session, Span, Tag};
//!
//! let text = "Belarus released 14 political prisoners.";
//! let mut session = Session::new(Arc::new(Article::new("Minsk", None, text)));
//! let start = text.find("14 political prisoners").unwrap();
//! let add = session.add_edit(Tag::Statistic, Span::new(start, start + 22));
//! let undo = session.apply(add).unwrap();
//! assert_eq!(session.counts(), [0, 1, 0]);
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("minsk.ron");
//! factmark::store::save(&session, &path).unwrap();
//! let loaded = factmark::store::load(&path).unwrap();
//! assert_eq!(loaded, session);
//! assert_eq!(loaded.text_of(&loaded.annotations()[0]), "14 political prisoners");
//!
//! session.apply(undo).unwrap();
//! assert!(session.annotations().is_empty());
//! ```

pub mod export;
pub mod import;
pub mod interop;
pub mod model;
pub mod progress;
pub mod store;
pub mod suggest;
/// Generated documents and a seeded RNG for tests and benchmarks (feature `testing`, which
/// the crate's own dev-dependency turns on; never in a release build).
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;
pub mod ui;
pub mod workspace;
