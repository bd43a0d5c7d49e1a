//! Factmark: tag claims, statistics and quotes in news articles.
//!
//! Layers point one way: `ui → store/import → model`. Only `ui` knows about egui.

pub mod import;
pub mod model;
pub mod store;
#[doc(hidden)]
pub mod testing;
pub mod ui;
